package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.fleet.Hold;
import dev.syncopated.fleet.HoldPublisher;
import dev.syncopated.fleet.Publisher;
import dev.syncopated.run.GitTokens;
import dev.syncopated.run.RunEnvironment;
import dev.syncopated.run.UserError;
import dev.syncopated.run.ValidSpecs;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hold", mixinStandardHelpOptions = true,
        description = {
            "A show hold for fleet nodes, from the workstation. It is committed to holds.json",
            "in the fleet repository, which every pull reads at the head it fetches.",
            "Until it ends, the host's pulls apply nothing (exit 6).",
        })
final class FleetHoldCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The fleet's spec file.")
    Path file;

    @Option(names = "--host", required = true, paramLabel = "NAME", description = "A host of the spec to hold (repeatable).")
    List<String> hosts;

    @ArgGroup(exclusive = true, multiplicity = "1")
    HoldOptions when;

    @Option(names = "--repo", required = true, paramLabel = "DIR",
            description = "The working tree of the fleet repository, as for publish.")
    Path repo;

    @Option(names = "--push", description = "Push the branch to 'origin' after committing.")
    boolean push;

    @Override
    public Integer call() throws IOException {
        RunEnvironment env = Cli.environment(spec);
        LoadedSpec loaded = ValidSpecs.load(file, Catalog.bundled());
        Spec fleetSpec = loaded.spec().orElseThrow();
        for (String host : hosts) {
            if (!fleetSpec.hosts().containsKey(host)) {
                throw UserError.usage("--host " + host + ": " + file + " has no such host", "its hosts: "
                        + String.join(", ", fleetSpec.hosts().keySet()));
            }
        }
        Instant now = env.clock().instant();
        Instant until = when.end(env.clock());
        if (until != null && !until.isAfter(now)) {
            throw UserError.usage("the hold would end at " + until + ", which is not after now", "give a later time");
        }
        Publisher.Result result;
        try {
            result = HoldPublisher.publish(repo, fleetSpec.fleet() == null ? null : fleetSpec.fleet().branchName(), hosts, until,
                    now, GitTokens.credentials(env.variables()), push);
        } catch (Publisher.PublishException e) {
            throw UserError.environment(e.getMessage(), e.hint(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        String what = until == null ? "released the hold of " + String.join(", ", hosts)
                : String.join(", ", hosts) + " " + Hold.until(until, "").label(now, env.clock().getZone()) + " (" + until + ")";
        out.println(result.commit().map(c -> "committed " + c.substring(0, 12) + " on " + result.branch() + " in " + repo + ": " + what)
                .orElse("no change: " + repo + " already says that (" + what + ")"));
        result.pushed().ifPresent(p -> out.println(p.moved() ? "pushed " + result.branch() + " to " + p.url()
                : p.url() + " already has " + result.branch() + " at this commit"));
        if (!push) {
            out.println("the nodes read it once it is pushed: git -C " + repo + " push, or --push");
        }
        out.flush();
        return ExitCode.OK;
    }
}
