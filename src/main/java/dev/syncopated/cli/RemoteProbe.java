package dev.syncopated.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunState;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.probe.CyclictestParser;
import dev.syncopated.probe.CyclictestRun;
import dev.syncopated.probe.CyclictestRunner;
import dev.syncopated.probe.ProbeInputException;
import dev.syncopated.spec.Connection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * cyclictest on the hosts of a spec: the rendered project plays playbooks/probe-latency.yml
 * (role latency_probe installs the tools, then runs the profile and fetches its JSON into the run
 * record), and each host's output is parsed here, exactly as a local run's is.
 */
final class RemoteProbe {
    static final String PLAYBOOK = "playbooks/probe-latency.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The measurements that came back, and how the Ansible run ended (failed and unreachable hosts have none). */
    record Result(Map<String, CyclictestRun> byHost, RunStatus status) {}

    private RemoteProbe() {}

    static Result measure(Path specFile, String hosts, CyclictestRunner.Profile profile, boolean json, CommandSpec spec)
            throws IOException {
        RunOptions options = new RunOptions();
        options.file = specFile;
        options.limit = hosts;
        options.format = json ? OutputFormat.json : OutputFormat.text;
        options.keep = 20;
        // cyclictest stops by itself after the duration; the margin covers installing the tools and the round trips.
        options.timeout = profile.duration().plus(Duration.ofMinutes(10));
        RunSupport.Prepared run = RunSupport.prepare("probe", options, spec, RemoteProbe::onlyRunningSystems);
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            err.println("measuring on " + run.plan().hosts().stream().map(HostPlan::name).toList() + " for "
                    + profile.duration().toSeconds() + " s; run record " + run.record().dir());
            err.flush();
        }
        Path fetched = run.record().path("probe");
        ObjectNode vars = JSON.createObjectNode();
        vars.putPOJO("latency_probe_measure_argv", CyclictestRunner.profileArguments(profile));
        vars.put("latency_probe_fetch_dir", fetched.toString());
        run.record().writeJson("probe-vars.json", vars);
        AnsibleRun.Outcome outcome = RunSupport.run(run, new AnsibleRun.Options(false, false, hosts, null, options.timeout)
                .playing(PLAYBOOK, List.of(run.record().path("probe-vars.json"))), "");
        RunSupport.writeSummary(run, outcome.state(), outcome.status());
        if (!json) {
            spec.commandLine().getOut().print(RunReport.failures(outcome.state()));
        }
        RunSupport.reportEarlyStop(err, outcome);

        Map<String, CyclictestRun> byHost = new LinkedHashMap<>();
        for (HostPlan host : run.plan().hosts()) {
            RunState.HostState state = outcome.state().hosts().get(host.name());
            Path file = fetched.resolve(host.name()).resolve("cyclictest.json");
            if (state == null || state.failed() || state.unreachable() || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                byHost.put(host.name(), CyclictestParser.parseJson(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (ProbeInputException e) {
                throw new UserError(ExitCode.PROBLEMS, host.name() + ": cyclictest wrote unreadable JSON (" + file + "): "
                        + e.getMessage(), "");
            }
        }
        return new Result(byHost, outcome.status());
    }

    /** A chroot or a container has no kernel of its own to measure; such hosts are refused, not silently skipped. */
    private static Plan onlyRunningSystems(Plan plan) {
        for (HostPlan host : plan.hosts()) {
            if (host.connection() == Connection.CHROOT || host.connection() == Connection.CONTAINER) {
                throw new UserError(ExitCode.USAGE, "host '" + host.name() + "' is reached with connection "
                        + host.connection().label() + ": it runs no kernel of its own to measure",
                        "probe the machine that boots it, or leave it out with --host");
            }
        }
        return plan;
    }
}
