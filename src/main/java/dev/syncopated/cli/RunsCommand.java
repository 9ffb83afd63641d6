package dev.syncopated.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.syncopated.ansible.RunRecord;
import dev.syncopated.run.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "The run records apply and info keep under the state directory.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class})
final class RunsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
        OutputFormat format;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<RunRecord> runs = RunRecord.list(Cli.environment(spec).stateDir());
            if (format == OutputFormat.json) {
                ArrayNode list = new ObjectMapper().createArrayNode();
                for (RunRecord run : runs) {
                    list.addObject().put("id", run.id()).put("command", command(run)).put("status", status(run))
                            .put("dir", run.dir().toString());
                }
                out.println(list.toPrettyString());
            } else if (runs.isEmpty()) {
                out.println("no runs recorded yet in " + RunRecord.runsDir(Cli.environment(spec).stateDir()));
            } else {
                out.printf("%-26s  %-12s  %s%n", "ID", "STATUS", "COMMAND");
                for (RunRecord run : runs) {
                    out.printf("%-26s  %-12s  %s%n", run.id(), status(run), command(run));
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run: its command, summary and files.")
    static final class ShowRun implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The run's id, as 'syncopated runs list' prints it.")
        String id;

        @Override
        public Integer call() {
            RunRecord run = RunRecord.open(Cli.environment(spec).stateDir(), id).orElseThrow(() -> UserError.usage("no run '" + id + "'", "'syncopated runs list' shows the recorded runs"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("run:     " + run.id());
            out.println("dir:     " + run.dir());
            out.println("command: " + command(run));
            out.println("status:  " + status(run));
            run.readJson(RunRecord.SUMMARY).ifPresent(summary -> {
                for (JsonNode host : summary.path("hosts")) {
                    out.printf("  %s: ok=%d changed=%d failed=%d unreachable=%d skipped=%d%n", host.path("name").asText(),
                            host.path("ok").asInt(), host.path("changed").asInt(), host.path("failed").asInt(),
                            host.path("unreachable").asInt(), host.path("skipped").asInt());
                    for (JsonNode role : host.path("roles")) {
                        out.printf("    %-16s %-8s ok=%d changed=%d failed=%d skipped=%d%n", role.path("role").asText(),
                                role.path("state").asText(), role.path("ok").asInt(), role.path("changed").asInt(),
                                role.path("failed").asInt(), role.path("skipped").asInt());
                    }
                }
            });
            out.println("files:   " + String.join(", ", RunRecord.COMMAND, RunRecord.SUMMARY, RunRecord.EVENTS,
                    RunRecord.STDOUT, RunRecord.STDERR, RunRecord.PROJECT + "/", RunRecord.SPEC + "/"));
            out.flush();
            return ExitCode.OK;
        }
    }

    static String command(RunRecord run) {
        return run.readJson(RunRecord.COMMAND).map(c -> String.join(" ", toList(c.path("argv")))).orElse("?");
    }

    /** The summary's status; a run without one was stopped before it could write it. */
    static String status(RunRecord run) {
        return run.readJson(RunRecord.SUMMARY).map(s -> s.path("status").asText()).orElse("incomplete");
    }

    private static List<String> toList(JsonNode array) {
        List<String> list = new java.util.ArrayList<>();
        array.forEach(a -> list.add(a.asText()));
        return list;
    }
}
