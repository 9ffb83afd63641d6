package dev.syncopated.cli;

import dev.syncopated.plan.Plan;
import dev.syncopated.run.RunRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What apply and info both take: the spec, which hosts, how long, how to print, how many records to keep. */
final class RunOptions {
    @Parameters(paramLabel = "SPEC", description = "The spec file.")
    Path file;

    @Option(names = "--limit", paramLabel = "PATTERN", description = "Only these hosts (Ansible host patterns).")
    String limit;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop Ansible after this long (90s, 15m, 2h): SIGTERM, then SIGKILL after 10 s. Exit 130.")
    Duration timeout;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: one object on stdout, no progress.")
    OutputFormat format;

    @Option(names = "--keep", defaultValue = "20", paramLabel = "N", description = "Run records to keep (default 20).")
    int keep;

    boolean json() {
        return format == OutputFormat.json;
    }

    /** The run these options ask for, with the command line as typed kept in its record. */
    RunRequest request(String command, CommandSpec spec, UnaryOperator<Plan> adjust) {
        return new RunRequest(command, spec.commandLine().getParseResult().originalArgs(), file, limit, timeout, keep, adjust);
    }
}
