package dev.syncopated.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real {@code ansible-playbook playbooks/site.yml} run in a rendered project, with the
 * {@code ansible.posix.json} stdout callback, so the result is read from the per-host
 * {@code stats} of Ansible's own JSON summary rather than scraped from its screen output.
 *
 * @param exitCode ansible-playbook's exit code
 * @param out      raw stdout (the JSON document)
 * @param err      raw stderr (warnings, deprecations)
 * @param stats    per-host counters, by inventory host name
 * @param json     the parsed document (plays → tasks → hosts → results), for detailed assertions
 */
public record AnsibleRun(int exitCode, String out, String err, Map<String, HostStats> stats, JsonNode json) {

    /** Ansible's recap counters for one host. */
    public record HostStats(int ok, int changed, int failures, int unreachable, int skipped, int rescued, int ignored) {
        static HostStats of(JsonNode n) {
            return new HostStats(n.path("ok").asInt(), n.path("changed").asInt(), n.path("failures").asInt(),
                    n.path("unreachable").asInt(), n.path("skipped").asInt(), n.path("rescued").asInt(),
                    n.path("ignored").asInt());
        }

        public boolean succeeded() {
            return failures == 0 && unreachable == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs {@code ansible-playbook playbooks/site.yml EXTRA…} in {@code project}; {@code env} is
     * added to this process's environment (for example DOCKER_HOST). Extra arguments such as
     * {@code --check}, {@code --diff} or {@code --limit h} are passed through as they are.
     */
    public static AnsibleRun playbook(Path project, Map<String, String> env, String... extraArgs) {
        Prerequisites.requireTool("ansible-playbook");
        Map<String, String> environment = new HashMap<>(env);
        environment.put("ANSIBLE_STDOUT_CALLBACK", "ansible.posix.json");
        environment.put("ANSIBLE_NOCOLOR", "1");
        environment.put("ANSIBLE_FORCE_COLOR", "0");
        environment.put("ANSIBLE_RETRY_FILES_ENABLED", "0");
        List<String> command = new ArrayList<>(List.of("ansible-playbook", "playbooks/site.yml"));
        command.addAll(List.of(extraArgs));
        long start = System.nanoTime();
        Proc proc = Proc.run(project, environment, command);
        Timings.record(String.join(" ", command),
                Duration.ofNanos(System.nanoTime() - start));
        return parse(proc);
    }

    static AnsibleRun parse(Proc proc) {
        String out = proc.out();
        int brace = out.indexOf('{');
        if (brace < 0) {
            throw new AssertionError("ansible-playbook printed no JSON summary (is ansible.posix installed?):\n" + proc);
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(out.substring(brace));
        } catch (IOException e) {
            throw new AssertionError("ansible-playbook's output is not the ansible.posix.json document: " + e + "\n" + proc, e);
        }
        Map<String, HostStats> stats = new LinkedHashMap<>();
        doc.path("stats").fields().forEachRemaining(f -> stats.put(f.getKey(), HostStats.of(f.getValue())));
        return new AnsibleRun(proc.exitCode(), out, proc.err(), stats, doc);
    }

    /** The counters of {@code host}; fails the test with the whole output when the host is missing. */
    public HostStats host(String host) {
        HostStats s = stats.get(host);
        if (s == null) {
            throw new AssertionError("no stats for host '" + host + "' in the run (hosts: " + stats.keySet() + ")\n" + this);
        }
        return s;
    }

    /** The tasks that reported changed (or failed) on {@code host}, as "task name: msg", for messages. */
    public List<String> tasks(String host, String which) {
        List<String> found = new ArrayList<>();
        for (JsonNode play : json.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                JsonNode result = task.path("hosts").path(host);
                if (result.isMissingNode()) {
                    continue;
                }
                boolean match = switch (which) {
                    case "changed" -> result.path("changed").asBoolean(false);
                    case "failed" -> result.path("failed").asBoolean(false) || result.path("unreachable").asBoolean(false);
                    default -> true;
                };
                if (match) {
                    String stderr = result.path("stderr").asText("").strip();
                    String detail = result.path("msg").asText("") + (stderr.isEmpty() ? ""
                            : " (stderr: " + (stderr.length() > 300 ? stderr.substring(0, 300) + "…" : stderr) + ")");
                    found.add(task.path("task").path("name").asText() + (detail.isEmpty() ? "" : ": " + detail));
                }
            }
        }
        return found;
    }

    /** Every host succeeded: no failures, nothing unreachable, and exit code 0. */
    public boolean succeeded() {
        return exitCode == 0 && stats.values().stream().allMatch(HostStats::succeeded);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ansible-playbook exit ").append(exitCode).append(", stats ").append(stats);
        for (String h : stats.keySet()) {
            List<String> failed = tasks(h, "failed");
            List<String> changed = tasks(h, "changed");
            if (!failed.isEmpty()) {
                s.append("\n  ").append(h).append(" failed: ").append(failed);
            }
            if (!changed.isEmpty()) {
                s.append("\n  ").append(h).append(" changed: ").append(changed);
            }
        }
        String tail = out.length() > 20000 ? out.substring(out.length() - 20000) : out;
        return s.append("\n--- stdout (tail)\n").append(tail).append("\n--- stderr\n").append(err).toString();
    }
}
