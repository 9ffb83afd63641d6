package dev.syncopated.cli;

import dev.syncopated.ansible.RunStatus;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.fleet.FleetStatus;
import dev.syncopated.run.FleetRuns;
import dev.syncopated.run.Runs;
import java.io.IOException;
import java.io.PrintWriter;
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
            "and its age, whether the node is behind the head of the fleet branch, and a hold (held (playing), held until 02:00).",
            "Exit codes: 0 every node pulled and is healthy, 1 a node failed, rolled back or never pulled, 4 a node was unreachable.",
        })
final class FleetStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--repo", paramLabel = "URL",
            description = "Where this machine reads the branch head (default: the spec's fleet.repo, as the nodes reach it).")
    String repo;

    @Override
    public Integer call() throws IOException {
        Runs runs = new Runs(Cli.environment(spec), Catalog.bundled());
        FleetRuns.StatusRead read = FleetRuns.status(runs, options.request("fleet status", spec, plan -> plan), repo);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            out.println(read.status().toJson().toPrettyString());
        } else {
            out.print(table(read.status()));
            RunOutput.earlyStop(spec.commandLine().getErr(), read.run().outcome());
        }
        out.flush();
        RunStatus status = read.run().status();
        if (status == RunStatus.UNREACHABLE || status == RunStatus.FAILED || status == RunStatus.INTERRUPTED) {
            return ExitCode.of(status);
        }
        return read.status().allHealthy() ? ExitCode.OK : ExitCode.PROBLEMS;
    }

    private static String table(FleetStatus fleet) {
        StringBuilder out = new StringBuilder();
        out.append("fleet ").append(fleet.repo() == null ? "(no repository)" : fleet.repo()).append(" (").append(fleet.branch())
                .append("): head ").append(fleet.head() == null ? "unknown, " + fleet.headError() : shortSha(fleet.head())).append('\n');
        out.append(String.format(Locale.ROOT, "%-16s %-12s %-12s %-15s %-9s %-6s %s%n", "NODE", "COMMIT", "GOLDEN", "LAST RESULT", "AGE",
                "BEHIND", "HOLD").stripTrailing()).append('\n');
        for (FleetStatus.Node n : fleet.nodes()) {
            String result = !n.reachable() ? "unreachable"
                    : n.lastResult() == null ? (n.enrolled() ? "never pulled" : "not enrolled")
                    : n.lastResult();
            String behind = n.behind() == null ? "-" : n.behind() ? "yes" : "no";
            out.append(String.format(Locale.ROOT, "%-16s %-12s %-12s %-15s %-9s %-6s %s", n.name(), shortSha(n.commit()),
                    shortSha(n.golden()), result, age(n.ageSeconds()), behind, n.hold() == null ? "-" : n.hold())).append('\n');
            if (n.message() != null && !n.message().isEmpty() && !"ok".equals(result)) {
                out.append("  ").append(n.message()).append('\n');
            }
        }
        return out.toString();
    }

    private static String age(Long seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = seconds;
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
    }

    private static String shortSha(String sha) {
        return sha == null || sha.equals("null") ? "-" : sha.substring(0, Math.min(10, sha.length()));
    }
}
