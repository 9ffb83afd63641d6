package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.env.Tools;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.probe.CyclictestRun;
import dev.syncopated.probe.CyclictestRunner;
import dev.syncopated.probe.IodelayLog;
import dev.syncopated.probe.IodelayRunner;
import dev.syncopated.probe.LatencyReport;
import dev.syncopated.probe.ProbeRunException;
import dev.syncopated.probe.SystemTree;
import dev.syncopated.probe.Thresholds;
import dev.syncopated.run.RemoteProbe;
import dev.syncopated.run.RunRequest;
import dev.syncopated.run.Runs;
import dev.syncopated.run.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {
            "Measure scheduling latency with cyclictest (audio profile: -m -S -p PRIO -i 200 -h N -q -D DURATION),",
            "and with --iodelay the round trip of a JACK loop with jack_iodelay. Needs root or real-time rights.",
            "With --spec, cyclictest runs on the spec's hosts through Ansible and each host gets its own report.",
            "A saved baseline (--save-baseline) is compared with every later run of the same host.",
            "Exit code 1 when a threshold is exceeded, a figure regressed or the loop carries no signal;",
            "3 when a tool is missing or not permitted; 4 when a host was unreachable.",
        })
final class ProbeLatencyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long cyclictest runs: 90s, 15m, 2h (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--priority", defaultValue = "90", paramLabel = "PRIO", description = "SCHED_FIFO priority (default: ${DEFAULT-VALUE}).")
    int priority;

    @Option(names = "--interval-us", defaultValue = "200", paramLabel = "US", description = "Wake-up interval (default: ${DEFAULT-VALUE} µs).")
    int intervalUs;

    @Option(names = "--histogram-us", defaultValue = "400", paramLabel = "US",
            description = "Histogram range; slower samples count as overflows (default: ${DEFAULT-VALUE} µs).")
    int histogramUs;

    @Option(names = "--iodelay", description = "Also measure the round trip with jack_iodelay.")
    boolean iodelay;

    @Option(names = "--iodelay-only", description = "Measure only the round trip; no cyclictest run.")
    boolean iodelayOnly;

    @Option(names = "--loop", paramLabel = "OUT,IN", split = ",",
            description = "The hardware loop: the playback port jack_delay:out feeds and the capture port that feeds jack_delay:in "
                    + "(e.g. system:playback_1,system:capture_1). Default: a software loop of jack_delay's own ports.")
    List<String> loop;

    @Option(names = "--iodelay-timeout", defaultValue = "10s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Give up when the loop carries no steady signal for this long (default: ${DEFAULT-VALUE}).")
    Duration iodelayTimeout;

    @Option(names = "--jack-server", paramLabel = "NAME", description = "The JACK server to use (sets JACK_DEFAULT_SERVER).")
    String jackServer;

    @Option(names = "--spec", paramLabel = "SPEC",
            description = "Measure on the spec's hosts through Ansible instead of here (role latency_probe installs the tools).")
    Path specFile;

    @Option(names = "--host", paramLabel = "PATTERN",
            description = "With --spec: which hosts or groups (Ansible host patterns; default: every host).")
    String hosts;

    @Mixin
    ProbeResultOptions result;

    @Mixin
    BaselineOptions baseline;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (loop != null && loop.size() != 2) {
            throw UserError.usage("--loop takes two ports, OUT,IN", "for example --loop system:playback_1,system:capture_1");
        }
        if (priority < 1 || priority > 99 || intervalUs < 50 || histogramUs < 1) {
            throw UserError.usage("--priority must be 1..99, --interval-us at least 50, --histogram-us at least 1", "");
        }
        var thresholds = result.thresholds();
        var profile = new CyclictestRunner.Profile(duration, priority, intervalUs, histogramUs);
        if (specFile != null) {
            return onHosts(profile, thresholds, err);
        }
        if (hosts != null) {
            throw UserError.usage("--host needs --spec", "for example --spec stage.yaml --host tracker");
        }
        Tools tools = Cli.environment(spec).tools();
        Optional<CyclictestRun> cyclictest = Optional.empty();
        Optional<IodelayLog> roundTrip = Optional.empty();
        try {
            if (!iodelayOnly) {
                Path binary = require(tools, "cyclictest", "install rt-tests, or apply the role latency_probe: present");
                err.println("running cyclictest for " + duration.toSeconds() + " s (priority " + priority + ", every " + intervalUs + " µs)...");
                err.flush();
                cyclictest = Optional.of(CyclictestRunner.run(binary, profile));
            }
            if (iodelay || iodelayOnly) {
                roundTrip = Optional.of(measureRoundTrip(tools, err));
            }
        } catch (ProbeRunException e) {
            throw new UserError(e.environment() ? UserError.Kind.ENVIRONMENT : UserError.Kind.PROBLEMS, e.getMessage(), e.hint(), e);
        }
        LatencyReport report = baseline.apply(thisMachine(), LatencyReport.evaluate(cyclictest, roundTrip, thresholds), err);
        return result.emit(report, spec.commandLine().getOut(), err);
    }

    private int onHosts(CyclictestRunner.Profile profile, Thresholds thresholds, PrintWriter err) throws IOException {
        if (iodelay || iodelayOnly || loop != null || jackServer != null) {
            throw UserError.usage("--iodelay measures a loop on this machine, not through --spec",
                    "run 'syncopated probe latency --iodelay' on the host whose interface is looped");
        }
        Runs runs = new Runs(Cli.environment(spec), Catalog.bundled());
        Runs.Prepared run = RemoteProbe.prepare(runs, new RunRequest("probe", spec.commandLine().getParseResult().originalArgs(),
                specFile, hosts, null, RunRequest.DEFAULT_KEEP, plan -> plan), profile);
        if (!result.json()) {
            err.println("measuring on " + run.plan().hosts().stream().map(HostPlan::name).toList() + " for "
                    + profile.duration().toSeconds() + " s; run record " + run.record().dir());
            err.flush();
        }
        RemoteProbe.Result measured = RemoteProbe.measure(runs, run, profile, RunOutput.progress(spec, result.json()));
        if (!result.json()) {
            RunOutput.problems(spec.commandLine().getOut(), err, measured.run());
        } else {
            RunOutput.earlyStop(err, measured.run().outcome());
        }
        Map<String, LatencyReport> reports = new LinkedHashMap<>();
        measured.byHost().forEach((host, cyclictest) -> reports.put(host,
                baseline.apply(host, LatencyReport.evaluate(Optional.of(cyclictest), Optional.empty(), thresholds), err)));
        int code = reports.isEmpty() ? ExitCode.PROBLEMS : result.emit(reports, spec.commandLine().getOut(), err);
        return switch (measured.run().status()) {
            case UNREACHABLE, FAILED, INTERRUPTED -> ExitCode.of(measured.run().status());
            case OK, CHANGED -> code;
        };
    }

    /** The name this machine's baseline is kept under: its hostname. */
    private static String thisMachine() {
        return SystemTree.live().line("/proc/sys/kernel/hostname").filter(h -> !h.isBlank()).orElse("localhost");
    }

    private IodelayLog measureRoundTrip(Tools tools, PrintWriter err) throws ProbeRunException, InterruptedException {
        Path iodelayTool = require(tools, "jack_iodelay", "install jackd2 (Debian 12) or jack-example-tools");
        Path connect = require(tools, "jack_connect", "install jackd2 (Debian 12) or jack-example-tools");
        Map<String, String> env = new HashMap<>();
        if (jackServer != null) {
            env.put("JACK_DEFAULT_SERVER", jackServer);
        }
        List<String> prefix = List.of();
        Optional<Path> pwJack = tools.find("pw-jack");
        if (pwJack.isPresent() && pipewireIsTheJackServer()) {
            prefix = List.of(pwJack.get().toString());
        }
        err.println("measuring the round trip with jack_iodelay" + (prefix.isEmpty() ? "" : " through pw-jack")
                + (loop == null ? " (software loop)" : " (" + loop.get(0) + " -> " + loop.get(1) + ")") + "...");
        err.flush();
        return IodelayRunner.run(new IodelayRunner.Setup(iodelayTool, connect, tools.find("stdbuf").orElse(null), prefix,
                loop == null ? null : loop.get(0), loop == null ? null : loop.get(1), iodelayTimeout, env));
    }

    /** PipeWire serves JACK clients when it runs and no jackd does. */
    private static boolean pipewireIsTheJackServer() {
        SystemTree sys = SystemTree.live();
        boolean pipewire = false;
        for (String pid : sys.list("/proc")) {
            if (!pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String comm = sys.line("/proc/" + pid + "/comm").orElse("");
            if (comm.equals("jackd") || comm.equals("jackdbus")) {
                return false;
            }
            pipewire |= comm.equals("pipewire");
        }
        return pipewire;
    }

    private static Path require(Tools tools, String name, String hint) {
        return tools.find(name).orElseThrow(() -> UserError.environment(name + " is not installed (not on PATH)", hint));
    }
}
