package dev.syncopated.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.testing.DebianRoot;
import dev.syncopated.testing.JarRun;
import dev.syncopated.testing.Prerequisites;
import dev.syncopated.testing.Proc;
import dev.syncopated.testing.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe latency --spec --host} against a real SSH host (sshd in a Debian 12 root, {@link SshTarget}):
 * the role installs rt-tests there, cyclictest runs there, its JSON comes back and is judged here, per
 * host, against thresholds and the host's saved baseline.
 */
class RemoteProbeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SECONDS = 2;

    @TempDir
    Path tmp;

    @BeforeAll
    static void prerequisites() {
        Prerequisites.require("root".equals(System.getProperty("user.name")), "the SSH test host needs root");
        Prerequisites.requireTool("ansible-playbook");
        JarRun.requireJar();
        DebianRoot.requireCache();
    }

    @Test
    void cyclictestRunsOnTheHostAndIsJudgedAgainstItsBaseline() throws IOException {
        try (SshTarget ssh = SshTarget.start("probe", tmp)) {
            JarRun syncopated = JarRun.in(tmp, ssh.env());
            Path spec = tmp.resolve("probe.yaml");
            Files.writeString(spec, "name: probe-it\nhosts:\n"
                    + "  stage:\n    connection: ssh\n    address: '" + ssh.address() + "'\n    port: " + ssh.port()
                    + "\n    user: root\n    offline: true\n"
                    + "  image:\n    connection: chroot\n    address: /nonexistent-root\n", StandardCharsets.UTF_8);

            // 1. A first measurement, saved as the baseline: the tools got installed there, and the sample
            //    count matches the loop count (duration / 200 µs) on every CPU.
            Proc first = syncopated.run("probe", "latency", "--spec", spec.toString(), "--host", "stage",
                    "--duration", SECONDS + "s", "--max-latency-us", "1000000", "--format", "json", "--save-baseline");
            assertEquals(0, first.exitCode(), first.toString());
            assertTrue(Files.isExecutable(ssh.root().file("/usr/bin/cyclictest")), "rt-tests is installed on the host");
            JsonNode report = JSON.readTree(first.out());
            assertEquals(1, report.path("hosts").size(), first.out());
            JsonNode stage = report.path("hosts").get(0);
            assertEquals("stage", stage.path("name").asText(), first.out());
            assertEquals("pass", report.path("verdict").asText(), first.out());
            JsonNode threads = stage.path("cyclictest").path("threads");
            assertEquals(Runtime.getRuntime().availableProcessors(), threads.size(), first.out());
            long loops = SECONDS * 1_000_000L / 200;
            for (JsonNode t : threads) {
                long samples = t.path("samples").asLong();
                assertTrue(samples >= loops * 0.8 && samples <= loops * 1.01, samples + " samples for " + loops + " loops: " + t);
            }
            Path baselineFile = syncopated.stateDir().resolve("baselines/stage.json");
            assertTrue(Files.isRegularFile(baselineFile), "the baseline is saved: " + first.err());
            assertTrue(first.err().contains("saved the baseline of stage: " + baselineFile), first.err());

            // 2. A baseline far better than anything real: the next run is a regression, exit 1, naming CPU and figure.
            ObjectNode tight = (ObjectNode) JSON.readTree(baselineFile.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = tight.path("cpus").fields(); it.hasNext(); ) {
                ObjectNode cpu = (ObjectNode) it.next().getValue();
                cpu.put("max_us", 1);
                cpu.put("p999_us", 1);
            }
            Files.writeString(baselineFile, tight.toPrettyString());
            Proc second = syncopated.run("probe", "latency", "--spec", spec.toString(), "--host", "stage",
                    "--duration", "1s", "--max-latency-us", "1000000");
            assertEquals(1, second.exitCode(), second.toString());
            assertTrue(second.out().contains("== stage"), second.out());
            assertTrue(second.out().matches("(?s).*CPU \\d+: max \\d+ µs is \\d+ % worse than 1 µs \\(baseline of .*"), second.out());
            assertTrue(second.out().contains("verdict: fail"), second.out());

            // 3. With the baseline ignored the same machine passes again.
            Proc third = syncopated.run("probe", "latency", "--spec", spec.toString(), "--host", "stage",
                    "--duration", "1s", "--max-latency-us", "1000000", "--ignore-baseline");
            assertEquals(0, third.exitCode(), third.toString());

            // 4. A chroot host has no kernel of its own: refused with the reason, before anything runs.
            Proc chroot = syncopated.run("probe", "latency", "--spec", spec.toString(), "--host", "image", "--duration", "1s");
            assertEquals(2, chroot.exitCode(), chroot.toString());
            assertTrue(chroot.err().contains("syncopated: error: host 'image' is reached with connection chroot: "
                    + "it runs no kernel of its own to measure"), chroot.err());
        }
    }
}
