package dev.syncopated.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.fleet.FleetProject;
import dev.syncopated.fleet.Publisher;
import dev.syncopated.plan.Planner;
import dev.syncopated.run.GitTokens;
import dev.syncopated.run.UserError;
import dev.syncopated.run.ValidSpecs;
import dev.syncopated.spec.LoadedSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {
            "Validate the spec, render the whole fleet project (spec files included) into a git working tree and commit it.",
            "The commit message lists what changed per host. The same spec renders the same bytes: no change, no commit.",
            "--push pushes the branch to the remote 'origin' (a token from SYNCOPATED_GIT_TOKEN for https).",
        })
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The spec file.")
    Path file;

    @Option(names = "--repo", required = true, paramLabel = "DIR",
            description = "The working tree of the fleet repository (created with git init when it does not exist).")
    Path repo;

    @Option(names = "--push", description = "Push the branch to 'origin' after committing.")
    boolean push;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (default) or json: {\"commit\", \"head\", \"branch\", \"pushed\", \"message\"}.")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Catalog catalog = Catalog.bundled();
        LoadedSpec loaded = ValidSpecs.load(file, catalog);
        var plan = Planner.plan(loaded.spec().orElseThrow(), catalog);
        Path staging = Files.createTempDirectory("syncopated-publish-");
        Publisher.Result result;
        try {
            FleetProject.stage(loaded, plan, catalog, Cli.environment(spec).version(), staging.resolve("project"));
            var fleet = loaded.spec().orElseThrow().fleet();
            result = Publisher.publish(repo, staging.resolve("project"), plan.name(), fleet == null ? null : fleet.branchName(),
                    GitTokens.credentials(Cli.environment(spec).variables()), push);
        } catch (Publisher.PublishException e) {
            throw UserError.environment(e.getMessage(), e.hint(), e);
        } finally {
            dev.syncopated.files.Trees.deleteQuietly(staging);
        }
        if (format == OutputFormat.json) {
            ObjectNode json = new ObjectMapper().createObjectNode();
            json.put("commit", result.commit().orElse(null));
            json.put("head", result.head());
            json.put("branch", result.branch());
            json.put("pushed", result.pushed().map(Publisher.Pushed::url).orElse(null));
            json.put("push_moved", result.pushed().map(Publisher.Pushed::moved).orElse(false));
            json.put("message", result.message());
            spec.commandLine().getOut().println(json.toPrettyString());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            if (result.commit().isPresent()) {
                out.println("committed " + result.commit().get().substring(0, 12) + " on " + result.branch() + " in " + repo);
                result.message().strip().lines().forEach(line -> out.println(line.isEmpty() ? "" : "  " + line));
            } else {
                out.println("no change: " + repo + " already holds this spec (" + result.branch() + " at "
                        + result.head().substring(0, Math.min(12, result.head().length())) + ")");
            }
            result.pushed().ifPresent(p -> out.println(p.moved() ? "pushed " + result.branch() + " to " + p.url()
                    : p.url() + " already has " + result.branch() + " at this commit"));
        }
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

}
