package dev.syncopated.cli;

import dev.syncopated.fleet.Hold;
import dev.syncopated.fleet.Holds;
import dev.syncopated.run.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "hold", mixinStandardHelpOptions = true,
        description = {
            "On a fleet node: a show hold. Until it ends, pulls fetch but apply nothing (and roll nothing back); they exit 6.",
            "Without --for, --until or --release: print the hold in force. 'fleet hold' sets one from the workstation.",
        })
final class HoldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    HoldOptions when;

    @Option(names = "--state-dir", defaultValue = "/var/lib/syncopated", paramLabel = "DIR",
            description = "The pull's state directory (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Cli.environment(spec).clock();
        Instant now = clock.instant();
        try {
            if (when == null) {
                Optional<Instant> until = Holds.local(stateDir, now);
                out.println(until.map(u -> "hold: " + Hold.until(u, "").label(now, clock.getZone()) + " (" + u + ")")
                        .orElse("hold: none; pulls apply what they fetch"));
            } else if (when.release) {
                out.println(Holds.releaseLocal(stateDir) ? "hold: released; the next pull applies what waits"
                        : "hold: there was none to release");
            } else {
                Instant until = when.end(clock);
                if (!until.isAfter(now)) {
                    throw UserError.usage("the hold would end at " + until + ", which is not after now", "give a later time");
                }
                Holds.setLocal(stateDir, until, now);
                out.println("hold: pulls apply nothing " + Hold.until(until, "").label(now, clock.getZone()).replaceFirst("^held ", "")
                        + " (" + until + "); 'syncopated hold --release' ends it sooner");
            }
        } catch (AccessDeniedException e) {
            throw UserError.environment("cannot write the hold into " + stateDir + ": permission denied",
                    "run it as root (sudo syncopated hold ...), as the pull runs", e);
        }
        out.flush();
        return ExitCode.OK;
    }
}
