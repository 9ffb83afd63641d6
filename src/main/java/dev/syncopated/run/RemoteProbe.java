package dev.syncopated.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunState;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.probe.CyclictestParser;
import dev.syncopated.probe.CyclictestRun;
import dev.syncopated.probe.CyclictestRunner;
import dev.syncopated.probe.ProbeInputException;
import dev.syncopated.spec.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cyclictest on the hosts of a spec: the rendered project plays playbooks/probe-latency.yml
 * (role latency_probe installs the tools, then runs the profile and fetches its JSON into the run
 * record), and each host's output is parsed here, exactly as a local run's is.
 */
public final class RemoteProbe {
    static final String PLAYBOOK = "playbooks/probe-latency.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The measurements that came back, and how the Ansible run ended (failed and unreachable hosts have none). */
    public record Result(Map<String, CyclictestRun> byHost, Runs.Finished run) {}

    private RemoteProbe() {}

    /** The run that measures {@code profile} on the request's hosts, prepared; chroot and container hosts are refused. */
    public static Runs.Prepared prepare(Runs runs, RunRequest request, CyclictestRunner.Profile profile) {
        // cyclictest stops by itself after the duration; the margin covers installing the tools and the round trips.
        return runs.prepare(request.withTimeout(profile.duration().plus(Duration.ofMinutes(10)))
                .adjusting(RemoteProbe::onlyRunningSystems));
    }

    public static Result measure(Runs runs, Runs.Prepared run, CyclictestRunner.Profile profile, Progress progress)
            throws IOException {
        Path fetched = run.record().path("probe");
        ObjectNode vars = JSON.createObjectNode();
        vars.putPOJO("latency_probe_measure_argv", CyclictestRunner.profileArguments(profile));
        vars.put("latency_probe_fetch_dir", fetched.toString());
        run.record().writeJson("probe-vars.json", vars);
        Runs.Finished finished = runs.playOnce(run, run.options(false, false, null, null)
                .playing(PLAYBOOK, List.of(run.record().path("probe-vars.json"))), progress);

        Map<String, CyclictestRun> byHost = new LinkedHashMap<>();
        for (HostPlan host : run.plan().hosts()) {
            RunState.HostState state = finished.outcome().state().hosts().get(host.name());
            Path file = fetched.resolve(host.name()).resolve("cyclictest.json");
            if (state == null || state.failed() || state.unreachable() || !Files.isRegularFile(file)) {
                continue;
            }
            try {
                byHost.put(host.name(), CyclictestParser.parseJson(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (ProbeInputException e) {
                throw UserError.problems(host.name() + ": cyclictest wrote unreadable JSON (" + file + "): "
                        + e.getMessage(), "");
            }
        }
        return new Result(byHost, finished);
    }

    /** A chroot or a container has no kernel of its own to measure; such hosts are refused, not silently skipped. */
    private static Plan onlyRunningSystems(Plan plan) {
        for (HostPlan host : plan.hosts()) {
            if (host.connection() == Connection.CHROOT || host.connection() == Connection.CONTAINER) {
                throw UserError.usage("host '" + host.name() + "' is reached with connection "
                        + host.connection().label() + ": it runs no kernel of its own to measure",
                        "probe the machine that boots it, or leave it out with --host");
            }
        }
        return plan;
    }
}
