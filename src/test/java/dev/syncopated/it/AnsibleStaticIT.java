package dev.syncopated.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.CliRun;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Static tier: the rendered projects are ones real Ansible accepts, without syncopated installed. */
class AnsibleStaticIT {
    /** Keep Ansible from reading the developer's own configuration or collections path surprises. */
    private static final Map<String, String> ENV = Map.of("ANSIBLE_NOCOLOR", "1", "ANSIBLE_FORCE_COLOR", "0");

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsAnsible() {
        Prerequisites.requireTool("ansible-playbook");
        Prerequisites.requireTool("ansible-inventory");
    }

    private Path render(String spec) {
        Path out = tmp.resolve("project");
        CliRun run = CliRun.of("render", spec, "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/studio.yaml", "src/test/resources/render/studio/spec.yaml",
            "src/test/resources/render/unsafe/spec.yaml", "src/test/resources/render/mixed/spec.yaml"})
    void theRenderedPlaybookPassesSyntaxCheck(String spec) {
        Path project = render(spec);

        Proc check = Proc.run(project, ENV, List.of("ansible-playbook", "playbooks/site.yml", "--syntax-check"));

        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.out().contains("playbook: playbooks/site.yml"), check.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/studio.yaml", "src/test/resources/render/mixed/spec.yaml"})
    void theRenderedInventoryListsEveryHostWithItsVariables(String spec) throws Exception {
        Path project = render(spec);

        Proc list = Proc.run(project, ENV, List.of("ansible-inventory", "--list"));

        assertEquals(0, list.exitCode(), list.toString());
        JsonNode inventory = new ObjectMapper().readTree(list.out());
        JsonNode hostvars = inventory.get("_meta").get("hostvars");
        CliRun plan = CliRun.of("plan", "--format", "json", spec);
        JsonNode hosts = new ObjectMapper().readTree(plan.out()).get("hosts");
        assertEquals(hosts.size(), hostvars.size(), list.out());
        for (JsonNode host : hosts) {
            JsonNode vars = hostvars.get(host.get("name").asText());
            for (JsonNode role : host.get("roles")) {
                String name = role.get("role").asText();
                assertEquals(role.get("state").asText(), vars.get(name + "_state").get("__ansible_unsafe").asText(),
                        "the state reaches Ansible as unsafe data: " + vars);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void rolesAndARenderedProjectPassAnsibleLintProduction() {
        Prerequisites.requireTool("ansible-lint");
        Path root = Path.of("").toAbsolutePath();
        Map<String, String> env = Map.of("ANSIBLE_NOCOLOR", "1", "NO_COLOR", "1");

        Proc roles = Proc.run(root, env, List.of("ansible-lint", "--profile", "production", "--nocolor", "roles/"));
        assertEquals(0, roles.exitCode(), roles.toString());
        assertTrue(roles.out().contains("Passed with production profile") || roles.err().contains("Passed with production profile"),
                roles.toString());

        Path project = render("examples/studio.yaml");
        Proc rendered = Proc.run(project, env, List.of("ansible-lint", "--profile", "production", "--nocolor"));
        assertEquals(0, rendered.exitCode(), rendered.toString());
    }

    @org.junit.jupiter.api.Test
    void theRepositoryItselfIsAnAnsibleProject() {
        Path root = Path.of("").toAbsolutePath();

        Proc check = Proc.run(root, ENV, List.of("ansible-playbook", "playbooks/site.yml", "--syntax-check"));
        Proc inventory = Proc.run(root, ENV, List.of("ansible-inventory", "--host", "localhost"));

        assertEquals(0, check.exitCode(), check.toString());
        assertEquals(0, inventory.exitCode(), inventory.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/render/unsafe/spec.yaml"})
    void jinjaInASpecValueIsNeverEvaluated(String spec) throws Exception {
        Path project = render(spec);

        Proc host = Proc.run(project, ENV, List.of("ansible-inventory", "--host", "evil"));

        assertEquals(0, host.exitCode(), host.toString());
        JsonNode vars = new ObjectMapper().readTree(host.out());
        assertEquals("{{ lookup('pipe', 'touch /tmp/syncopated-pwned') }}", vars.get("ansible_host").get("__ansible_unsafe").asText());
        assertEquals("{{ 7 * 7 }}", vars.get("rtirq_name_list").get(0).get("__ansible_unsafe").asText());
    }
}
