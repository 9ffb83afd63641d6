package dev.syncopated.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.syncopated.spec.LoadedSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What apply and info share: finding Ansible, starting a run record, rendering into it, the exit code. */
final class RunSupport {
    private RunSupport() {}

    static Path requireTool(String tool) {
        return Tools.fromEnvironment().find(tool).orElseThrow(() -> new UserError(ExitCode.ENVIRONMENT,
                tool + " is not installed",
                "install Ansible: " + DoctorCommand.detectDistro().installCommand("ansible")));
    }

    static RunRecord startRecord(int keep, String command, List<String> args, LoadedSpec loaded) {
        try {
            RunRecord record = RunRecord.create(StateDir.fromEnvironment(), Instant.now(), keep);
            ObjectNode json = new ObjectMapper().createObjectNode();
            json.put("command", command);
            ArrayNode argv = json.putArray("args");
            args.forEach(argv::add);
            json.put("cwd", Path.of("").toAbsolutePath().toString());
            json.put("version", VersionProvider.version());
            json.put("started", Instant.now().toString());
            record.writeJson(RunRecord.COMMAND, json);
            record.keepSpecs(loaded.sources().all());
            return record;
        } catch (IOException e) {
            throw new UserError(ExitCode.ENVIRONMENT, "cannot create the run record in " + StateDir.fromEnvironment()
                    + ": " + e.getMessage(), "check that the state directory is writable, or set XDG_STATE_HOME", e);
        }
    }

    static Path render(RunRecord record, Plan plan, dev.syncopated.catalog.Catalog catalog) {
        Path project = record.path(RunRecord.PROJECT);
        try {
            ProjectWriter.write(ProjectRenderer.render(plan, catalog.names(), VersionProvider.version()), RoleLibrary.bundled(), project);
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
