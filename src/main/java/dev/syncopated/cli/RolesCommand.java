package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.RoleDef;
import dev.syncopated.catalog.RoleDocs;
import dev.syncopated.spec.Suggestions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "roles", mixinStandardHelpOptions = true,
        description = "The role catalog: what each role manages and the options a spec can set.",
        subcommands = {RolesCommand.ListRoles.class, RolesCommand.ShowRole.class})
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
            RoleDef role = catalog.role(name).orElseThrow(() -> new UserError(ExitCode.USAGE,
                    "unknown role '" + name + "'", Suggestions.hint(name, catalog.names(), "roles")));
            spec.commandLine().getOut().print(RoleDocs.text(role, catalog));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
