package dev.syncopated.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunState;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.plan.Planner;
import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.ansible.RunRecord;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.ansible.StateDir;
import dev.syncopated.catalog.RoleLibrary;
import dev.syncopated.env.Tools;
import dev.syncopated.plan.Plan;
import dev.syncopated.render.ProjectRenderer;
import dev.syncopated.render.ProjectWriter;
import dev.syncopated.render.RenderedProject;
import dev.syncopated.spec.LoadedSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What apply and info share: finding Ansible, starting a run record, rendering into it, the exit code. */
final class RunSupport {

    /** A run ready to start: its plan, Ansible, the record and the project rendered into it, how to show it. */
    record Prepared(LoadedSpec loaded, Plan plan, Path ansiblePlaybook, RunRecord record, Path project, Progress progress) {
        /** The same run, shown differently while it goes on. */
        Prepared showing(Progress other) {
            return new Prepared(loaded, plan, ansiblePlaybook, record, project, other);
        }
    }

    /**
     * Validates the spec, plans it (then {@code adjust}s the plan, as info does), finds ansible-playbook,
     * opens the run record and renders the project into it.
     */
    static Prepared prepare(String command, RunOptions options, CommandSpec spec, UnaryOperator<Plan> adjust) {
        PrintWriter err = spec.commandLine().getErr();
        Catalog catalog = Catalog.bundled();
        LoadedSpec loaded = SpecInput.requireValidLoad(options.file, catalog, err);
        Plan plan = adjust.apply(SpecInput.limit(Planner.plan(loaded.spec().orElseThrow(), catalog), options.file,
                options.limit));
        Path ansiblePlaybook = requireTool("ansible-playbook");
        RunRecord record = startRecord(options.keep, command, spec.commandLine().getParseResult().originalArgs(), loaded);
        Path project;
        try {
            project = render(record, plan, catalog);
        } catch (UserError e) {
            record.awaitBackgroundWork(); // the record of a run that never started still says what was asked
            throw e;
        }
        Progress progress = options.json() ? Progress.silent() : Progress.forTerminal(onTerminal(), err);
        return new Prepared(loaded, plan, ansiblePlaybook, record, project, progress);
    }

    /** Runs the prepared project once, keeping the events and both output streams under {@code prefix} names. */
    static AnsibleRun.Outcome run(Prepared prepared, AnsibleRun.Options options, String prefix) throws IOException {
        RunRecord record = prepared.record();
        record.startBackgroundWork();
        return AnsibleRun.run(prepared.ansiblePlaybook(), prepared.project(), prepared.plan(), options,
                prepared.progress(), record.path(prefix + RunRecord.EVENTS), record.path(prefix + RunRecord.STDOUT),
                record.path(prefix + RunRecord.STDERR));
    }

    /** The summary every run keeps, and apply prints with --format json. */
    static void writeSummary(Prepared prepared, RunState state, RunStatus status) throws IOException {
        prepared.record().writeJson(RunRecord.SUMMARY, RunReport.summary(prepared.plan(), state, status,
                prepared.record().dir().toString()));
        prepared.record().awaitBackgroundWork();
    }

    /** When Ansible stopped before its recap, say why in one line, with what it printed last. */
    static void reportEarlyStop(PrintWriter err, AnsibleRun.Outcome outcome) {
        if (!outcome.state().finished() && outcome.status() != RunStatus.INTERRUPTED) {
            err.println("syncopated: error: ansible-playbook stopped before its recap (exit " + outcome.process().exitCode()
                    + "): " + (outcome.stderrTail().isEmpty() ? "no message" : outcome.stderrTail()));
        }
    }
    private RunSupport() {}

    static Path requireTool(String tool) {
        return Tools.fromEnvironment().find(tool).orElseThrow(() -> new UserError(ExitCode.ENVIRONMENT,
                tool + " is not installed",
                "install Ansible: " + DoctorCommand.detectDistro().installCommand("ansible")));
    }

    static RunRecord startRecord(int keep, String command, List<String> args, LoadedSpec loaded) {
        try {
            RunRecord record = RunRecord.create(StateDir.fromEnvironment(), Instant.now(), keep);
            Instant started = Instant.now();
            String cwd = Path.of("").toAbsolutePath().toString();
            // Ansible never reads these: they are written while Ansible starts.
            record.alongside("write the command and the specs into " + record.dir(), () -> {
                ObjectNode json = new ObjectMapper().createObjectNode();
                json.put("command", command);
                // The whole command line as typed after "syncopated", the subcommand included.
                ArrayNode argv = json.putArray("argv");
                args.forEach(argv::add);
                json.put("cwd", cwd);
                json.put("version", VersionProvider.version());
                json.put("started", started.toString());
                record.writeJson(RunRecord.COMMAND, json);
                record.keepSpecs(loaded.sources().all());
            });
            return record;
        } catch (IOException e) {
            throw new UserError(ExitCode.ENVIRONMENT, "cannot create the run record in " + StateDir.fromEnvironment()
                    + ": " + e.getMessage(), "check that the state directory is writable, or set XDG_STATE_HOME", e);
        }
    }

    static Path render(RunRecord record, Plan plan, Catalog catalog) {
        Path project = record.path(RunRecord.PROJECT);
        try {
            // The roles are extracted once per jar into the state directory and hard-linked into each run's
            // project: unpacking them from the jar every run cost a quarter of a second of every apply.
            Path stateDir = StateDir.fromEnvironment();
            Path libraries = stateDir.resolve("library");
            RoleLibrary library = RoleLibrary.bundled().extractedIn(libraries);
            RenderedProject rendered = ProjectRenderer.render(plan, catalog.names(),
                    ProjectRenderer.Settings.forThisMachine(VersionProvider.version(), stateDir));
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
            throw new UserError(ExitCode.ENVIRONMENT, "cannot render the project into " + project + ": " + e.getMessage(),
                    "check the free space and permissions of the state directory", e);
        }
    }

    static int exitCode(RunStatus status) {
        return switch (status) {
            case OK, CHANGED -> ExitCode.OK;
            case FAILED -> ExitCode.PROBLEMS;
            case UNREACHABLE -> ExitCode.UNREACHABLE;
            case INTERRUPTED -> ExitCode.INTERRUPTED;
        };
    }

    static boolean onTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }
}
