package dev.syncopated.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunState;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.fleet.Credentials;
import dev.syncopated.fleet.FleetHead;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.spec.FleetSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Read each node's pull status through Ansible, changing nothing: current and golden commit, the last result",
            "and its age, and whether the node is behind the head of the fleet branch.",
            "Exit codes: 0 every node pulled and is healthy, 1 a node failed, rolled back or never pulled, 4 a node was unreachable.",
        })
final class FleetStatusCommand implements Callable<Integer> {
    static final String PLAYBOOK = "playbooks/fleet-status.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--repo", paramLabel = "URL",
            description = "Where this machine reads the branch head (default: the spec's fleet.repo, as the nodes reach it).")
    String repo;

    @Override
    public Integer call() throws IOException {
        RunSupport.Prepared run = RunSupport.prepare("fleet status", options, spec,
                plan -> new dev.syncopated.plan.Plan(plan.name(), plan.hosts().stream().map(h -> h.withRoles(List.of())).toList()))
                .showing(Progress.silent()); // a report, read in a few seconds: no progress lines above the table
        FleetSettings fleet = run.loaded().spec().orElseThrow().fleet();
        String url = repo != null ? repo : fleet == null || fleet.repo() == null ? null : fleet.repo().value();
        String branch = fleet == null ? FleetSettings.DEFAULT_BRANCH : fleet.branchName();
        FleetHead head = url == null ? FleetHead.unknown("the spec has no fleet section and no --repo was given")
                : FleetHead.read(url, branch, GitTokens.credentials());
        AnsibleRun.Outcome outcome = RunSupport.run(run, new AnsibleRun.Options(true, false, options.limit, null, options.timeout)
                .playing(PLAYBOOK, List.of()), "");
        RunSupport.writeSummary(run, outcome.state(), outcome.status());

        Instant now = Instant.now();
        ObjectNode root = JSON.createObjectNode();
        root.put("repo", url == null ? null : Credentials.redact(url));
        root.put("branch", branch);
        root.put("head", head.commit());
        if (head.commit() == null) {
            root.put("head_error", head.error());
        }
        ArrayNode nodes = root.putArray("nodes");
        boolean allHealthy = true;
        for (HostPlan host : run.plan().hosts()) {
            RunState.HostState state = outcome.state().hosts().get(host.name());
            JsonNode found = state == null ? null : state.findings().get("fleet_status");
            ObjectNode node = nodes.addObject();
            node.put("name", host.name());
            node.put("reachable", state != null && !state.unreachable());
            node.put("enrolled", found != null && found.path("enrolled").asBoolean(false));
            JsonNode status = found == null ? null : found.get("status");
            if (status == null || status.isNull()) {
                node.putNull("commit");
                node.putNull("golden");
                node.putNull("last_commit");
                node.putNull("last_result");
                node.putNull("time");
                node.putNull("age_seconds");
                node.putNull("behind");
                node.putNull("message");
                allHealthy = false;
                continue;
            }
            for (String key : List.of("commit", "golden", "last_commit", "last_result", "time")) {
                node.set(key, status.path(key).isMissingNode() ? JSON.nullNode() : status.get(key));
            }
            Long age = ageSeconds(status.path("time").asText(null), now);
            if (age == null) {
                node.putNull("age_seconds");
            } else {
                node.put("age_seconds", age);
            }
            String commit = status.path("commit").asText(null);
            if (head.commit() == null) {
                node.putNull("behind");
            } else {
                node.put("behind", !head.commit().equals(commit));
            }
            node.set("message", status.path("message").isMissingNode() ? JSON.nullNode() : status.get("message"));
            allHealthy &= "ok".equals(status.path("last_result").asText());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            out.println(root.toPrettyString());
        } else {
            out.print(table(root));
            RunSupport.reportEarlyStop(spec.commandLine().getErr(), outcome);
        }
        out.flush();
        if (outcome.status() == RunStatus.UNREACHABLE) {
            return ExitCode.UNREACHABLE;
        }
        if (outcome.status() == RunStatus.FAILED || outcome.status() == RunStatus.INTERRUPTED) {
            return RunSupport.exitCode(outcome.status());
        }
        return allHealthy ? ExitCode.OK : ExitCode.PROBLEMS;
    }

    private static String table(ObjectNode root) {
        StringBuilder out = new StringBuilder();
        String head = root.path("head").asText(null);
        out.append("fleet ").append(root.path("repo").asText("(no repository)")).append(" (").append(root.path("branch").asText())
                .append("): head ").append(head == null ? "unknown, " + root.path("head_error").asText() : shortSha(head)).append('\n');
        out.append(String.format(Locale.ROOT, "%-16s %-12s %-12s %-15s %-9s %s%n", "NODE", "COMMIT", "GOLDEN", "LAST RESULT", "AGE", "BEHIND"));
        for (JsonNode n : root.path("nodes")) {
            String result = !n.path("reachable").asBoolean() ? "unreachable"
                    : n.path("last_result").isNull() ? (n.path("enrolled").asBoolean() ? "never pulled" : "not enrolled")
                    : n.path("last_result").asText();
            String behind = n.path("behind").isNull() ? "-" : n.path("behind").asBoolean() ? "yes" : "no";
            out.append(String.format(Locale.ROOT, "%-16s %-12s %-12s %-15s %-9s %s%n", n.path("name").asText(),
                    shortSha(n.path("commit").asText(null)), shortSha(n.path("golden").asText(null)), result,
                    age(n.path("age_seconds")), behind));
            if (!n.path("message").isNull() && !n.path("message").asText().isEmpty() && !"ok".equals(result)) {
                out.append("  ").append(n.path("message").asText()).append('\n');
            }
        }
        return out.toString();
    }

    private static Long ageSeconds(String time, Instant now) {
        try {
            return time == null ? null : Math.max(0, Duration.between(Instant.parse(time), now).toSeconds());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String age(JsonNode seconds) {
        if (!seconds.isNumber()) {
            return "-";
        }
        long s = seconds.asLong();
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
    }

    private static String shortSha(String sha) {
        return sha == null || sha.equals("null") ? "-" : sha.substring(0, Math.min(10, sha.length()));
    }
}
