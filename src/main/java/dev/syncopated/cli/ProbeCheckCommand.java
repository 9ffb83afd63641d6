package dev.syncopated.cli;

import dev.syncopated.probe.CheckPrinter;
import dev.syncopated.probe.CheckResult;
import dev.syncopated.probe.ReadinessChecks;
import dev.syncopated.probe.SystemTree;
import dev.syncopated.run.UserError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Check real-time readiness: RT kernel, preemption, threaded IRQs, rtprio and memlock limits, governors,",
            "power daemons, SMT, swappiness, timers, mitigations, shared audio IRQs, /dev/cpu_dma_latency, irqbalance,",
            "NVIDIA on RT, and the home directory's file system. Each result names the role and option that fix it.",
            "Exit code 1 when any check fails.",
        })
final class ProbeCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Read a captured tree (DIR/proc, DIR/sys, DIR/boot, DIR/etc) instead of this machine.")
    Path root;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat format;

    @Option(names = "--evidence", description = "Show what every check read, not only for warnings and failures.")
    boolean evidence;

    @Override
    public Integer call() {
        SystemTree tree;
        if (root == null) {
            tree = SystemTree.live();
        } else if (Files.isDirectory(root)) {
            tree = SystemTree.capturedAt(root);
        } else {
            throw UserError.usage("--root " + root + " is not a directory", "give the directory that holds proc/, sys/ and etc/");
        }
        List<CheckResult> results = ReadinessChecks.run(tree);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == OutputFormat.json ? CheckPrinter.json(results) : CheckPrinter.text(results, evidence));
        out.flush();
        return CheckPrinter.passed(results) ? ExitCode.OK : ExitCode.PROBLEMS;
    }
}
