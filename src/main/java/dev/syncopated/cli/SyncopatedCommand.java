package dev.syncopated.cli;

import dev.syncopated.run.RunEnvironment;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "syncopated",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Provision Linux audio machines from a short YAML spec, through Ansible.",
            "",
            "Start with 'syncopated validate stage.yaml', then 'plan', then 'apply --check' and 'apply'.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the work found problems: invalid spec, failed host, threshold exceeded",
            "2:usage error: unknown command or option, bad option value",
            "3:environment problem: a required tool is missing, or not permitted",
            "4:one or more hosts were unreachable",
            "5:pull rolled back: the new commit failed its health check, the node is on its golden commit again",
            "6:pull held: a show hold or audio playing on the node kept it from applying anything",
            "75:pull is busy: another pull is running on this node",
            "70:internal error in syncopated (run with --verbose and report it)",
            "130:interrupted: Ctrl-C, SIGTERM or --timeout stopped the run",
        })
public final class SyncopatedCommand implements Runnable {
    /** Every subcommand, in the order --help lists them; {@link Cli} adds them (all, or the one being run). */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ValidateCommand.class,
            PlanCommand.class,
            RenderCommand.class,
            ApplyCommand.class,
            InfoCommand.class,
            RunsCommand.class,
            PublishCommand.class,
            PullCommand.class,
            HoldCommand.class,
            FleetCommand.class,
            ProbeCommand.class,
            SchemaCommand.class,
            RolesCommand.class,
            DoctorCommand.class,
            CompletionCommand.class);

    private final RunEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show more detail, and a stack trace when something fails unexpectedly.")
    boolean verbose;

    SyncopatedCommand(RunEnvironment environment) {
        this.environment = environment;
    }

    RunEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
