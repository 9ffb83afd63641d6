package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.RoleDef;
import dev.syncopated.catalog.RoleDocs;
import dev.syncopated.run.UserError;
import dev.syncopated.spec.Suggestions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "roles", mixinStandardHelpOptions = true,
        description = "The role catalog: what each role manages and the options a spec can set.",
        subcommands = {RolesCommand.ListRoles.class, RolesCommand.ShowRole.class, RolesCommand.NewRole.class})
final class RolesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().print(RoleDocs.list(Catalog.bundled()));
        spec.commandLine().getOut().flush();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the roles in apply order.")
    static final class ListRoles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(RoleDocs.list(Catalog.bundled()));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a role's options, types, defaults and rules.")
    static final class ShowRole implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The role, as 'syncopated roles list' names it.")
        String name;

        @Override
        public Integer call() {
            Catalog catalog = Catalog.bundled();
            RoleDef role = catalog.role(name).orElseThrow(() -> UserError.usage("unknown role '" + name + "'", Suggestions.hint(name, catalog.names(), "roles")));
            spec.commandLine().getOut().print(RoleDocs.text(role, catalog));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {
                "Create a role that already follows the role contract: state routing, catalog entry,",
                "argument specs, a managed drop-in that absent removes, info findings and a test playbook.",
            })
    static final class NewRole implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The role's name: lower-case letters, digits and '_'.")
        String name;

        @Option(names = "--description", required = true, paramLabel = "TEXT",
                description = "One line: what the role manages.")
        String description;

        @Option(names = "--dir", defaultValue = "roles", paramLabel = "DIR", description = "Where roles live (default: roles).")
        java.nio.file.Path dir;

        @Override
        public Integer call() {
            if (!dev.syncopated.catalog.RoleScaffold.NAME.matcher(name).matches()) {
                throw UserError.usage("'" + name + "' is not a valid role name",
                        "use 2 to 41 lower-case letters, digits and '_', starting with a letter, e.g. jack_server");
            }
            if (description.isBlank() || description.contains("\n")) {
                throw UserError.usage("the description must be one line", "say in one line what the role manages");
            }
            java.nio.file.Path target = dir.resolve(name);
            if (java.nio.file.Files.exists(target)) {
                throw UserError.problems("'" + target + "' already exists", "choose another name, or remove it first");
            }
            try {
                dev.syncopated.render.ProjectWriter.writeNewDirectory(
                        dev.syncopated.catalog.RoleScaffold.files(name, description.strip()), target);
            } catch (java.io.IOException e) {
                throw UserError.environment("cannot create '" + target + "': " + e.getMessage(),
                        "check that " + dir + " exists and is writable", e);
            }
            spec.commandLine().getErr().println("created role " + name + " in " + target
                    + "; rebuild (mvn package) to bundle it, then: syncopated roles show " + name);
            spec.commandLine().getOut().println(target);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
