package dev.syncopated.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {
            "Fleet nodes converge on the spec committed to git: 'syncopated publish' commits it, each node's timer runs",
            "'syncopated pull'. 'fleet enroll' makes the spec's hosts nodes; 'fleet status' shows where each node is;",
            "'fleet hold' keeps pulls from applying anything to a host until a show is over.",
        },
        subcommands = {FleetEnrollCommand.class, FleetStatusCommand.class, FleetHoldCommand.class})
final class FleetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
