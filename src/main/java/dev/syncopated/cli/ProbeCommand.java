package dev.syncopated.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {
            "Measure latency, check real-time readiness, or analyse saved cyclictest and jack_iodelay output.",
        },
        subcommands = {ProbeLatencyCommand.class, ProbeCheckCommand.class, ProbeReportCommand.class})
final class ProbeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
