package dev.syncopated.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.LowPriority;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunRecord;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.ansible.TaskOutcome;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.Format;
import dev.syncopated.catalog.RoleLibrary;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.Planner;
import dev.syncopated.render.ProjectRenderer;
import dev.syncopated.render.ProjectWriter;
import dev.syncopated.render.RenderedProject;
import dev.syncopated.spec.Connection;
import dev.syncopated.spec.Connection;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.spec.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run pipeline that every front end shares: validate and plan the spec, open a run record, render
 * the project into it, run Ansible, and keep the summary. Nothing here prints: progress goes to the
 * {@link Progress} the caller gives, and problems are {@link UserError}s.
 */
public final class Runs {
    private final RunEnvironment env;
    private final Catalog catalog;

    public Runs(RunEnvironment env, Catalog catalog) {
        this.env = env;
        this.catalog = catalog;
    }

    public RunEnvironment environment() {
        return env;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** A run ready to start: what was asked, the spec and its plan, Ansible, the record and the project rendered into it. */
    public record Prepared(RunRequest request, LoadedSpec loaded, Plan plan, Path ansiblePlaybook, RunRecord record,
                           Path project) {
        /** Ansible's options for this run: its limit and time limit, and the rest as given. */
        public AnsibleRun.Options options(boolean check, boolean diff, Integer forks, Path becomePasswordFile) {
            return new AnsibleRun.Options(check, diff, request.limit(), forks, request.timeout(), becomePasswordFile);
        }
    }

    /** The private role that runs first and stops targets that lack what the roles need. */
    public static final String PREFLIGHT = "preflight";

    /** How a run ended, with the summary it keeps in its record. */
    public record Finished(Prepared prepared, AnsibleRun.Outcome outcome, RunStatus status, ObjectNode summary) {
        /** The run failed, and only because targets lack what the roles need: an environment problem, not a role's. */
        public boolean stoppedByPreflight() {
            List<TaskOutcome> failures = outcome.state().failures();
            return status == RunStatus.FAILED && !failures.isEmpty()
                    && failures.stream().allMatch(f -> PREFLIGHT.equals(f.role()));
        }
    }

    /**
     * How apply ended: the run, and with --verify the tasks that would still change in a second, check-mode
     * run (their status is then that of the second run, or failed when it would change anything).
     */
    public record Applied(Finished run, List<TaskOutcome> notIdempotent) {}

    /**
     * What apply was asked: check mode, diffs, a verifying re-run, forks (or null), a sudo password file (or null),
     * and whether Ansible runs in the background, out of the audio's way ({@link #lowPriority}).
     */
    public record ApplyOptions(boolean check, boolean diff, boolean verify, Integer forks, Path becomePasswordFile,
                               boolean background) {
        public ApplyOptions(boolean check, boolean diff, boolean verify, Integer forks, Path becomePasswordFile) {
            this(check, diff, verify, forks, becomePasswordFile, false);
        }
    }

    /**
     * Validates the spec, plans it (then adjusts the plan as the request says), finds ansible-playbook,
     * opens the run record and renders the project into it.
     */
    public Prepared prepare(RunRequest request) {
        LoadedSpec loaded = ValidSpecs.load(request.spec(), catalog);
        Plan plan = request.adjust().apply(ValidSpecs.limit(Planner.plan(loaded.spec().orElseThrow(), catalog),
                request.spec(), request.limit()));
        Path ansiblePlaybook = env.requireTool("ansible-playbook");
        env.requireTool("setsid"); // Ansible runs in a session of its own, so that it can be stopped as a whole
        if (plan.hosts().stream().anyMatch(h -> h.connection() == Connection.SSH)) {
            env.requireTool("ssh");
        }
        Privileges.check(plan, env.root(), request.becomePassword(), env.tools(), () -> Privileges.sudoWorksUnasked(env.tools()));
        RunRecord record = startRecord(request, loaded);
        Path project;
        try {
            project = render(record, plan);
        } catch (UserError e) {
            record.awaitBackgroundWork(); // the record of a run that never started still says what was asked
            throw e;
        }
        return new Prepared(request, loaded, plan, ansiblePlaybook, record, project);
    }

    /** Runs the prepared project once, keeping the events and both output streams under {@code prefix} names. */
    public AnsibleRun.Outcome play(Prepared prepared, AnsibleRun.Options options, Progress progress, String prefix)
            throws IOException {
        RunRecord record = prepared.record();
        record.startBackgroundWork();
        return AnsibleRun.run(prepared.ansiblePlaybook(), prepared.project(), prepared.plan(), options, progress,
                record.path(prefix + RunRecord.EVENTS), record.path(prefix + RunRecord.STDOUT),
                record.path(prefix + RunRecord.STDERR));
    }

    /** Runs the prepared project once and keeps its summary: what info, fleet status, enroll and the probe do. */
    public Finished playOnce(Prepared prepared, AnsibleRun.Options options, Progress progress) throws IOException {
        AnsibleRun.Outcome outcome = play(prepared, options, progress, "");
        return finish(prepared, outcome, outcome.status());
    }

    /**
     * Applies the prepared project; with {@code verify} (and not in check mode) runs it again in check mode,
     * and the run fails when anything would still change. {@code beforeVerify} is told when the second run starts.
     */
    public Applied applyAndVerify(Prepared prepared, ApplyOptions apply, Progress progress, Runnable beforeVerify)
            throws IOException {
        List<String> launcher = apply.background() ? lowPriority(prepared.plan()) : List.of();
        AnsibleRun.Outcome outcome = play(prepared, prepared.options(apply.check(), apply.diff(), apply.forks(),
                apply.becomePasswordFile()).launchedThrough(launcher), progress, "");
        RunStatus status = outcome.status();
        List<TaskOutcome> notIdempotent = List.of();
        if (apply.verify() && !apply.check() && (status == RunStatus.OK || status == RunStatus.CHANGED)) {
            beforeVerify.run();
            AnsibleRun.Outcome again = play(prepared,
                    prepared.options(true, true, apply.forks(), apply.becomePasswordFile()).launchedThrough(launcher), progress,
                    "verify-");
            notIdempotent = again.state().changes();
            if (again.status() == RunStatus.INTERRUPTED || again.status() == RunStatus.UNREACHABLE
                    || again.status() == RunStatus.FAILED) {
                status = again.status();
            } else if (!notIdempotent.isEmpty()) {
                status = RunStatus.FAILED;
            }
        }
        return new Applied(finish(prepared, outcome, status), notIdempotent);
    }

    /**
     * The launcher of a background run: Ansible at nice 19, idle I/O and batch scheduling, as a fleet node's
     * pull runs, and kept off the CPUs that the cpu_isolation of a {@code connection: local} host (this
     * machine) reserves for audio.
     */
    List<String> lowPriority(Plan plan) {
        LowPriority.TOOLS.forEach(env::requireTool);
        return LowPriority.launcher(housekeepingCpus(plan, onlineCpus()));
    }

    /** The CPUs of {@code online} that no local host's cpu_isolation keeps for audio (empty: any CPU). */
    static Set<Integer> housekeepingCpus(Plan plan, Set<Integer> online) {
        Set<Integer> isolated = new TreeSet<>();
        plan.hosts().stream().filter(h -> h.connection() == Connection.LOCAL).flatMap(h -> h.roles().stream())
                .filter(step -> step.role().equals("cpu_isolation") && step.state() == State.PRESENT)
                .map(step -> step.options().get("cores")).filter(Objects::nonNull)
                .forEach(cores -> isolated.addAll(Format.cpus(String.valueOf(cores))));
        if (isolated.isEmpty()) {
            return Set.of();
        }
        Set<Integer> left = new TreeSet<>(online);
        left.removeAll(isolated);
        return left;
    }

    /** This machine's online CPUs, or none when the kernel does not say. */
    private static Set<Integer> onlineCpus() {
        try {
            return Format.cpus(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Keeps the run's summary in its record and waits for the record's own writes. */
    public Finished finish(Prepared prepared, AnsibleRun.Outcome outcome, RunStatus status) throws IOException {
        ObjectNode summary = RunReport.summary(prepared.plan(), outcome.state(), status, prepared.record().dir().toString());
        prepared.record().writeJson(RunRecord.SUMMARY, summary);
        prepared.record().awaitBackgroundWork();
        return new Finished(prepared, outcome, status, summary);
    }

    private RunRecord startRecord(RunRequest request, LoadedSpec loaded) {
        try {
            Instant started = env.clock().instant();
            RunRecord record = RunRecord.create(env.stateDir(), started, request.keep());
            // Ansible never reads these: they are written while Ansible starts.
            record.alongside("write the command and the specs into " + record.dir(), () -> {
                ObjectNode json = new ObjectMapper().createObjectNode();
                json.put("command", request.command());
                // The whole request as given: for the command line, everything typed after "syncopated".
                ArrayNode argv = json.putArray("argv");
                request.argv().forEach(argv::add);
                json.put("cwd", env.workingDir().toString());
                json.put("version", env.version());
                json.put("started", started.toString());
                record.writeJson(RunRecord.COMMAND, json);
                record.keepSpecs(loaded.sources().all());
            });
            return record;
        } catch (IOException e) {
            throw UserError.environment("cannot create the run record in " + env.stateDir() + ": " + e.getMessage(),
                    "check that the state directory is writable, or set XDG_STATE_HOME", e);
        }
    }

    private Path render(RunRecord record, Plan plan) {
        Path project = record.path(RunRecord.PROJECT);
        try {
            // The roles are extracted once per jar into the state directory and hard-linked into each run's
            // project: unpacking them from the jar every run cost a quarter of a second of every apply.
            Path libraries = env.stateDir().resolve("library");
            RoleLibrary library = RoleLibrary.bundled().extractedIn(libraries);
            RenderedProject rendered = ProjectRenderer.render(plan, catalog.names(),
                    ProjectRenderer.Settings.forThisMachine(env.version(), env.stateDir()));
            try {
                ProjectWriter.write(rendered, library, project, true);
            } catch (IOException e) {
                if (Files.isDirectory(library.rolesDir())) {
                    throw e;
                }
                // Another jar's clean-up took the library away while this run linked it: extract it again.
                ProjectWriter.write(rendered, RoleLibrary.bundled().extractedIn(libraries), project, true);
            }
            return project;
        } catch (IOException e) {
            throw UserError.environment("cannot render the project into " + project + ": " + e.getMessage(),
                    "check the free space and permissions of the state directory", e);
        }
    }
}
