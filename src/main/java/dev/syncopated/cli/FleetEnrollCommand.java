package dev.syncopated.cli;

import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.fleet.Credentials;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.RoleStep;
import dev.syncopated.render.VarsFile;
import dev.syncopated.spec.Durations;
import dev.syncopated.spec.FleetSettings;
import dev.syncopated.spec.Located;
import dev.syncopated.spec.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    static final String PLAYBOOK = "playbooks/fleet-enroll.yml";

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
            throw new UserError(ExitCode.USAGE, "--state must be present or absent, not '" + state + "'", "");
        }
        boolean present = state.equals("present");
        RunSupport.Prepared run = RunSupport.prepare("fleet enroll", options, spec, this::asAnsiblePull);
        FleetSettings fleet = run.loaded().spec().orElseThrow().fleet();
        VarsFile vars = new VarsFile().put("ansible_pull_state", state);
        if (present) {
            if (fleet == null || fleet.repo() == null) {
                throw new UserError(ExitCode.USAGE, options.file + " has no fleet section: the nodes would not know what to pull",
                        "add 'fleet: {repo: URL}' (see docs/fleet.md)");
            }
            Duration every = interval != null ? interval : fleet.intervalOrDefault();
            if (every.toSeconds() < 60) {
                throw new UserError(ExitCode.USAGE, "--interval " + Durations.format(every) + " is shorter than a minute", "");
            }
            vars.putUnsafe("ansible_pull_repo", fleet.repo().value())
                    .putUnsafe("ansible_pull_branch", fleet.branchName())
                    .put("ansible_pull_interval", every.toSeconds())
                    .putUnsafe("ansible_pull_known_hosts", fleet.knownHosts().stream().map(Located::value).toList())
                    .put("ansible_pull_jar_src", jarToInstall().toString());
        }
        run.record().write("enroll-vars.yml", vars.yaml());
        List<Path> varsFiles = new ArrayList<>(List.of(run.record().path("enroll-vars.yml")));
        PrintWriter err = spec.commandLine().getErr();
        if (!options.json()) {
            err.println((present ? "enrolling " : "removing ") + run.plan().hosts().stream().map(HostPlan::name).toList()
                    + (present ? " as fleet nodes of " + Credentials.redact(fleet.repo().value()) + " (" + fleet.branchName() + ")" : " from the fleet")
                    + "; run record " + run.record().dir());
        }
        Path token = present ? tokenVars() : null;
        try (BecomePassword password = askBecomePass ? BecomePassword.ask() : BecomePassword.none()) {
            if (token != null) {
                varsFiles.add(token);
            }
            AnsibleRun.Outcome outcome = RunSupport.run(run, new AnsibleRun.Options(false, false, options.limit, null,
                    options.timeout, password.file()).playing(PLAYBOOK, varsFiles), "");
            RunSupport.writeSummary(run, outcome.state(), outcome.status());
            PrintWriter out = spec.commandLine().getOut();
            if (options.json()) {
                out.println(RunReport.summary(run.plan(), outcome.state(), outcome.status(), run.record().dir().toString()).toPrettyString());
            } else {
                out.print(RunReport.recap(run.plan(), outcome.state()));
                out.print(RunReport.failures(outcome.state()));
                out.flush(); // the recap first, then the one-line verdict on stderr below it
                RunSupport.reportEarlyStop(err, outcome);
                err.println(outcome.status() == RunStatus.OK || outcome.status() == RunStatus.CHANGED
                        ? (present ? "enrolled: the nodes pull every " + Durations.format(interval != null ? interval
                                : fleet.intervalOrDefault()) + "; 'syncopated fleet status " + options.file + "' shows them"
                                : "removed from the fleet")
                        : outcome.status().label());
            }
            out.flush();
            return RunSupport.exitCode(outcome.status());
        } finally {
            if (token != null) {
                Files.deleteIfExists(token);
            }
        }
    }

    /** Every host runs one step, ansible_pull, which the recap reports. */
    private Plan asAnsiblePull(Plan plan) {
        State s = state.equals("absent") ? State.ABSENT : State.PRESENT;
        List<HostPlan> hosts = plan.hosts().stream()
                .map(h -> h.withRoles(List.of(new RoleStep("ansible_pull", s, Map.of())))).toList();
        return new Plan(plan.name(), hosts);
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
            throw new UserError(ExitCode.USAGE, "no syncopated jar to install" + (jar == null ? "" : ": " + jar + " is not a file"),
                    "build it (mvn -q -B -DskipTests package) and give --jar target/syncopated.jar");
        }
        return chosen.toAbsolutePath();
    }

    /** The token of SYNCOPATED_GIT_TOKEN in a private vars file outside the run record, removed after the run. */
    private static Path tokenVars() throws IOException {
        Credentials.Token token = GitTokens.token();
        if (token == null) {
            return null;
        }
        Path file = Files.createTempFile("syncopated-token-", ".yml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, new VarsFile().putUnsafe("ansible_pull_token", token.value()).yaml(), StandardCharsets.UTF_8);
        return file;
    }
}
