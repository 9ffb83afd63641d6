package dev.syncopated.cli;

import dev.syncopated.ansible.Progress;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.fleet.Credentials;
import dev.syncopated.fleet.LiveAudio;
import dev.syncopated.fleet.NodeStatus;
import dev.syncopated.fleet.Puller;
import dev.syncopated.probe.SystemTree;
import dev.syncopated.run.GitTokens;
import dev.syncopated.run.RunEnvironment;
import dev.syncopated.run.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {
            "What a fleet node runs (from its timer): fetch the branch; when it moved on, or the last pull did not end well,",
            "validate the spec at that commit, apply it with ansible-pull pinned to the commit, and run the host's health check.",
            "Healthy: the commit becomes golden. Unhealthy or failed: the golden commit is applied again.",
            "A show hold (syncopated hold, fleet hold) or audio playing on the node holds it: it fetches and applies nothing.",
            "Exit codes: 0 applied or up to date, 1 invalid spec or failed, 3 cannot fetch, 5 rolled back, 6 held,",
            "75 another pull runs.",
        })
final class PullCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "URL",
            description = "The fleet repository (https, ssh or file URL). A token comes from SYNCOPATED_GIT_TOKEN(_FILE), never the URL.")
    String repo;

    @Option(names = "--host", paramLabel = "NAME", description = "This node's name in the spec (default: the hostname).")
    String host;

    @Option(names = "--branch", defaultValue = "main", paramLabel = "BRANCH", description = "Default: ${DEFAULT-VALUE}.")
    String branch;

    @Option(names = "--force", description = "Apply even when the commit is applied and healthy already.")
    boolean force;

    @Option(names = "--state-dir", defaultValue = "/var/lib/syncopated", paramLabel = "DIR",
            description = "Lock, status file, repository copy, checkout and run records (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--timeout", defaultValue = "30m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop an ansible-pull run after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--splay", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wait a random time up to this long first, so a fleet started by cron does not pull at once.")
    Duration splay;

    @Option(names = "--git-ssh", paramLabel = "PROGRAM",
            description = "The ssh program for ssh URLs (fleet enroll installs one that pins the repository's host keys).")
    Path gitSsh;

    @Option(names = "--keep", defaultValue = "20", paramLabel = "N", description = "Run records to keep (default 20).")
    int keep;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json: the status file.")
    OutputFormat format;

    /** For tests (docs/fleet.md, "Show holds"): a fixture tree in place of the kernel's /proc/asound. */
    @Option(names = "--asound-root", hidden = true, paramLabel = "DIR")
    Path asoundRoot;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String node = host != null ? host : SystemTree.live().line("/proc/sys/kernel/hostname").map(h -> h.split("\\.")[0])
                .orElseThrow(() -> UserError.usage("cannot tell this node's name", "give it with --host NAME"));
        if (splay != null) {
            long wait = ThreadLocalRandom.current().nextLong(splay.toMillis() + 1);
            err.println("pull: waiting " + wait / 1000 + " s (--splay)");
            err.flush();
            Thread.sleep(wait);
        }
        RunEnvironment env = Cli.environment(spec);
        env.requireTool("setsid");
        env.requireTool("git"); // ansible-pull checks the commit out with git
        Credentials credentials = GitTokens.credentials(env.variables());
        Puller.Settings settings = new Puller.Settings(repo, branch, node, stateDir.toAbsolutePath(), force, timeout, keep,
                credentials, gitSsh, env.requireTool("ansible-pull"), env.version(),
                LiveAudio.Sources.live(asoundRoot != null ? asoundRoot : LiveAudio.ASOUND, env.tools().find("pw-dump").orElse(null)));
        Progress progress = RunOutput.progress(spec, format == OutputFormat.json);
        Puller.Outcome outcome = new Puller(settings, Catalog.bundled(), progress, err, env.clock()).pull();
        if (outcome.result() == null) {
            err.println("pull: busy: another pull is running on this node (lock " + stateDir.resolve("pull.lock") + ")");
            return ExitCode.BUSY;
        }
        if (format == OutputFormat.json) {
            spec.commandLine().getOut().print(outcome.status().toJson());
            spec.commandLine().getOut().flush();
        }
        if (outcome.applied() || outcome.result() != NodeStatus.Result.OK) {
            err.println("pull: " + outcome.result().label() + (outcome.message() == null ? "" : ": " + outcome.message())
                    + (outcome.run() == null ? "" : "; run record " + outcome.run()));
        }
        return switch (outcome.result()) {
            case OK -> ExitCode.OK;
            case ROLLED_BACK -> ExitCode.ROLLED_BACK;
            case HELD -> ExitCode.HELD;
            case FETCH_FAILED -> ExitCode.ENVIRONMENT;
            case INTERRUPTED -> ExitCode.INTERRUPTED;
            case FAILED, ROLLBACK_FAILED, INVALID -> ExitCode.PROBLEMS;
        };
    }
}
