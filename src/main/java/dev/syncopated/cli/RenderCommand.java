package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.RoleLibrary;
import dev.syncopated.plan.Plan;
import dev.syncopated.render.ProjectRenderer;
import dev.syncopated.render.ProjectWriter;
import dev.syncopated.render.RenderedProject;
import dev.syncopated.run.UserError;
import dev.syncopated.run.ValidSpecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {
            "Write the spec's Ansible project: ansible.cfg, inventory, playbook and roles.",
            "It runs without syncopated: cd DIR && ansible-playbook playbooks/site.yml.",
            "The same spec renders to the same bytes. DIR is replaced atomically.",
        })
final class RenderCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RenderCommand.class);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where the project goes. An existing DIR is replaced only if syncopated rendered it.")
    Path out;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.bundled();
        Plan plan = ValidSpecs.plan(file, null, catalog);
        RenderedProject project = ProjectRenderer.render(plan, catalog.names(),
                ProjectRenderer.Settings.forThisMachine(Cli.environment(spec).version(), Cli.environment(spec).stateDir()));
        try {
            ProjectWriter.write(project, RoleLibrary.bundled(), out);
        } catch (ProjectWriter.NotARenderException e) {
            throw UserError.problems(e.getMessage(),
                    "choose another --out, or remove it yourself if it may be replaced");
        } catch (IOException e) {
            throw UserError.environment("cannot write the project to '" + out + "': " + e.getMessage(),
                    "check that the parent directory exists and is writable", e);
        }
        LOG.debug("rendered {} hosts from {} to {} ({} generated files plus the roles)", plan.hosts().size(), file,
                out.toAbsolutePath(), project.files().size());
        spec.commandLine().getErr().printf("rendered %d %s to %s%n", plan.hosts().size(),
                plan.hosts().size() == 1 ? "host" : "hosts", out);
        spec.commandLine().getOut().println(out);
        return ExitCode.OK;
    }
}
