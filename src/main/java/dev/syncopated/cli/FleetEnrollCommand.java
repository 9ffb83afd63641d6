package dev.syncopated.cli;

import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.run.FleetRuns;
import dev.syncopated.run.Runs;
import dev.syncopated.run.UserError;
import dev.syncopated.spec.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {
            "Make the spec's hosts fleet nodes (role ansible_pull): Ansible, Java and this syncopated installed, and a systemd",
            "timer (cron without systemd) that runs 'syncopated pull' as root with the spec's fleet repository, branch and interval.",
            "--state absent removes all of it again. A token in SYNCOPATED_GIT_TOKEN is kept on the nodes, never logged.",
        })
final class FleetEnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions options;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often nodes pull (default: the spec's fleet.interval, else 15m); each pull starts up to a quarter later.")
    Duration interval;

    @Option(names = "--state", defaultValue = "present", paramLabel = "STATE", description = "present (default) or absent.")
    String state;

    @Option(names = "--jar", paramLabel = "FILE", description = "The syncopated jar to install (default: the one running).")
    Path jar;

    @Option(names = {"-K", "--ask-become-pass"}, description = "Ask for the sudo password once.")
    boolean askBecomePass;

    @Override
    public Integer call() throws IOException {
        if (!state.equals("present") && !state.equals("absent")) {
            throw UserError.usage("--state must be present or absent, not '" + state + "'", "");
        }
        boolean present = state.equals("present");
        Runs runs = new Runs(Cli.environment(spec), Catalog.bundled());
        FleetRuns.PreparedEnrollment prepared = FleetRuns.prepareEnroll(runs, options.request("fleet enroll", spec, plan -> plan).withBecomePassword(askBecomePass),
                new FleetRuns.Enrollment(present, interval, this::jarToInstall));
        PrintWriter err = spec.commandLine().getErr();
        if (!options.json()) {
            err.println(prepared.describe() + "; run record " + prepared.run().record().dir());
        }
        Runs.Finished run;
        try (BecomePassword password = askBecomePass ? BecomePassword.ask() : BecomePassword.none()) {
            run = FleetRuns.enroll(runs, prepared, password.file(), RunOutput.progress(spec, options.json()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.json()) {
            out.println(run.summary().toPrettyString());
        } else {
            out.print(RunReport.recap(run.prepared().plan(), run.outcome().state()));
            RunOutput.problems(out, err, run);
            err.println(run.status() == RunStatus.OK || run.status() == RunStatus.CHANGED
                    ? (present ? "enrolled: the nodes pull every " + Durations.format(prepared.every()) + "; 'syncopated fleet status "
                            + options.file + "' shows them" : "removed from the fleet")
                    : run.status().label());
        }
        out.flush();
        return ExitCode.of(run);
    }

    private Path jarToInstall() {
        Path chosen = jar;
        if (chosen == null) {
            try {
                Path running = Path.of(FleetEnrollCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (running.toString().endsWith(".jar")) {
                    chosen = running;
                }
            } catch (URISyntaxException | SecurityException e) {
                chosen = null;
            }
        }
        if (chosen == null || !Files.isRegularFile(chosen)) {
            throw UserError.usage("no syncopated jar to install" + (jar == null ? "" : ": " + jar + " is not a file"),
                    "build it (mvn -q -B -DskipTests package) and give --jar target/syncopated.jar");
        }
        return chosen.toAbsolutePath();
    }
}
