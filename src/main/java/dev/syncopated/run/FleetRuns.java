package dev.syncopated.run;

import dev.syncopated.ansible.Progress;
import dev.syncopated.catalog.Format;
import dev.syncopated.fleet.Credentials;
import dev.syncopated.fleet.FleetHead;
import dev.syncopated.fleet.FleetStatus;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.RoleStep;
import dev.syncopated.render.VarsFile;
import dev.syncopated.spec.Durations;
import dev.syncopated.spec.FleetSettings;
import dev.syncopated.spec.Located;
import dev.syncopated.spec.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The fleet's runs from the workstation: reading every node's pull status, and enrolling nodes (or removing them). */
public final class FleetRuns {
    static final String STATUS_PLAYBOOK = "playbooks/fleet-status.yml";
    static final String ENROLL_PLAYBOOK = "playbooks/fleet-enroll.yml";

    private FleetRuns() {}

    /** The fleet's status, and the run that read it. */
    public record StatusRead(FleetStatus status, Runs.Finished run) {}

    /**
     * Reads the branch head from {@code repo} (default: the spec's fleet.repo) and each node's status file
     * through Ansible, in check mode and with no role.
     */
    public static StatusRead status(Runs runs, RunRequest request, String repo) throws IOException {
        Runs.Prepared run = runs.prepare(request.adjusting(
                plan -> new Plan(plan.name(), plan.hosts().stream().map(h -> h.withRoles(List.of())).toList())));
        FleetSettings fleet = run.loaded().spec().orElseThrow().fleet();
        String url = repo != null ? repo : fleet == null || fleet.repo() == null ? null : fleet.repo().value();
        String branch = fleet == null ? FleetSettings.DEFAULT_BRANCH : fleet.branchName();
        FleetHead head = url == null ? FleetHead.unknown("the spec has no fleet section and no --repo was given")
                : FleetHead.read(url, branch, GitTokens.credentials(runs.environment().variables()));
        // A report, read in a few seconds: no progress lines above the table.
        Runs.Finished finished = runs.playOnce(run, run.options(true, false, null, null).playing(STATUS_PLAYBOOK, List.of()),
                Progress.silent());
        return new StatusRead(FleetStatus.of(url, branch, head, run.plan().hosts(), finished.outcome().state(),
                runs.environment().clock().instant(), runs.environment().clock().getZone()), finished);
    }

    /**
     * What enroll was asked: {@code present} or not (absent), how often nodes pull (null: the spec's
     * fleet.interval, else its default), and the jar the nodes get (asked for only when they get one).
     */
    public record Enrollment(boolean present, Duration interval, Supplier<Path> jar) {}

    /** An enroll run, ready: every host runs one step, ansible_pull, with the fleet's settings as its variables. */
    public record PreparedEnrollment(Runs.Prepared run, Enrollment enrollment, FleetSettings fleet, Duration every) {
        /** What the nodes are told, in a line. */
        public String describe() {
            List<String> hosts = run.plan().hosts().stream().map(HostPlan::name).toList();
            return enrollment.present()
                    ? "enrolling " + hosts + " as fleet nodes of " + Credentials.redact(fleet.repo().value()) + " ("
                            + fleet.branchName() + ")"
                    : "removing " + hosts + " from the fleet";
        }
    }

    public static PreparedEnrollment prepareEnroll(Runs runs, RunRequest request, Enrollment enrollment) throws IOException {
        State state = enrollment.present() ? State.PRESENT : State.ABSENT;
        Runs.Prepared run = runs.prepare(request.adjusting(plan -> new Plan(plan.name(), plan.hosts().stream()
                .map(h -> h.withRoles(List.of(new RoleStep("ansible_pull", state, pullOptions(h))))).toList())));
        FleetSettings fleet = run.loaded().spec().orElseThrow().fleet();
        VarsFile vars = new VarsFile().put("ansible_pull_state", state.label());
        Duration every = null;
        if (enrollment.present()) {
            if (fleet == null || fleet.repo() == null) {
                throw UserError.usage(request.spec() + " has no fleet section: the nodes would not know what to pull",
                        "add 'fleet: {repo: URL}' (see docs/fleet.md)");
            }
            every = enrollment.interval() != null ? enrollment.interval() : fleet.intervalOrDefault();
            if (every.toSeconds() < 60) {
                throw UserError.usage("--interval " + Durations.format(every) + " is shorter than a minute", "");
            }
            vars.putUnsafe("ansible_pull_repo", fleet.repo().value())
                    .putUnsafe("ansible_pull_branch", fleet.branchName())
                    .put("ansible_pull_interval", every.toSeconds())
                    .putUnsafe("ansible_pull_known_hosts", fleet.knownHosts().stream().map(Located::value).toList())
                    .put("ansible_pull_jar_src", enrollment.jar().get().toString());
        }
        run.record().write("enroll-vars.yml", vars.yaml());
        return new PreparedEnrollment(run, enrollment, fleet, every);
    }

    /**
     * The host's own settings of its pull: the CPUs its cpu_isolation keeps for audio, which the pull unit
     * must never run on (the role makes AllowedCPUs= of the others).
     */
    static Map<String, Object> pullOptions(HostPlan host) {
        List<Integer> isolated = host.roles().stream()
                .filter(step -> step.role().equals("cpu_isolation") && step.state() == State.PRESENT)
                .map(step -> step.options().get("cores")).filter(java.util.Objects::nonNull)
                .flatMap(cores -> Format.cpus(String.valueOf(cores)).stream()).distinct().sorted().toList();
        return isolated.isEmpty() ? Map.of() : Map.of("isolated_cpus", isolated);
    }

    /** Runs the enrollment; the token of SYNCOPATED_GIT_TOKEN goes to the nodes through a private file removed afterwards. */
    public static Runs.Finished enroll(Runs runs, PreparedEnrollment prepared, Path becomePasswordFile, Progress progress)
            throws IOException {
        Runs.Prepared run = prepared.run();
        List<Path> varsFiles = new ArrayList<>(List.of(run.record().path("enroll-vars.yml")));
        Path token = prepared.enrollment().present() ? tokenVars(runs.environment()) : null;
        try {
            if (token != null) {
                varsFiles.add(token);
            }
            return runs.playOnce(run, run.options(false, false, null, becomePasswordFile).playing(ENROLL_PLAYBOOK, varsFiles),
                    progress);
        } finally {
            if (token != null) {
                Files.deleteIfExists(token);
            }
        }
    }

    /** The token in a private vars file outside the run record, or null when none is set. */
    private static Path tokenVars(RunEnvironment env) throws IOException {
        Credentials.Token token = GitTokens.token(env.variables());
        if (token == null) {
            return null;
        }
        Path file = Files.createTempFile("syncopated-token-", ".yml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, new VarsFile().putUnsafe("ansible_pull_token", token.value()).yaml(), StandardCharsets.UTF_8);
        return file;
    }
}
