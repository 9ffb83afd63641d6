package dev.syncopated.fleet;

import dev.syncopated.probe.CheckResult;
import dev.syncopated.probe.CheckStatus;
import dev.syncopated.probe.ReadinessChecks;
import dev.syncopated.probe.SystemTree;
import dev.syncopated.spec.HealthCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * A node's health check after a pull: the spec's health commands for the host (each must exit 0 in
 * time), then the readiness checks of {@code probe check} that concern the roles the host carries
 * (each must not fail). Checks that only a reboot can satisfy are not held against a run that said
 * a reboot is needed, and a node marked offline has no running system of its own to read.
 */
public final class Health {
    /** Which readiness checks each role is answerable for. */
    static final Map<String, List<String>> CHECKS_OF_ROLE = Map.of(
            "rt_kernel", List.of("rt_kernel", "preemption", "threadirqs"),
            "rtirq", List.of("threadirqs"),
            "cpu_power", List.of("governor", "power_daemon"),
            "audio_sysctl", List.of("swappiness"),
            "cpu_isolation", List.of("irqbalance"));
    /** Checks of the booted kernel: a change to them waits for the next boot. */
    static final Set<String> AFTER_REBOOT = Set.of("rt_kernel", "preemption", "threadirqs");

    /** One check's outcome: a command or a readiness check, passed or not, and what it showed. */
    public record Item(String kind, String name, boolean passed, String detail) {}

    /** Every item, and whether they all passed. */
    public record Report(List<Item> items) {
        public boolean passed() {
            return items.stream().allMatch(Item::passed);
        }

        public List<Item> failures() {
            return items.stream().filter(i -> !i.passed()).toList();
        }
    }

    private Health() {}

    public static Report check(List<HealthCheck> commands, Collection<String> roles, boolean offline, boolean rebootPending,
                               Path workDir) {
        List<Item> items = new ArrayList<>();
        for (HealthCheck command : commands) {
            items.add(run(command, workDir));
        }
        Set<String> wanted = new LinkedHashSet<>();
        roles.forEach(role -> wanted.addAll(CHECKS_OF_ROLE.getOrDefault(role, List.of())));
        if (!wanted.isEmpty() && !offline) {
            for (CheckResult result : ReadinessChecks.run(SystemTree.live())) {
                if (!wanted.contains(result.id())) {
                    continue;
                }
                boolean waits = rebootPending && AFTER_REBOOT.contains(result.id());
                boolean passed = result.status() != CheckStatus.fail || waits;
                items.add(new Item("probe check", result.id(), passed, result.status().name()
                        + (waits && result.status() == CheckStatus.fail ? " (waits for the reboot the run asked for)" : "")
                        + ": " + result.summary()));
            }
        }
        return new Report(items);
    }

    static Item run(HealthCheck check, Path workDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            ProcessResult result = new ProcessExecutor().command(check.argv()).directory(workDir.toFile())
                    .redirectOutput(output).redirectErrorStream(true).exitValueAny()
                    .timeout(check.timeout().toMillis(), TimeUnit.MILLISECONDS).destroyOnExit().execute();
            String tail = lastLine(output.toString(StandardCharsets.UTF_8));
            boolean passed = result.getExitValue() == 0;
            return new Item("command", check.display(), passed, "exit " + result.getExitValue() + (tail.isEmpty() ? "" : ": " + tail));
        } catch (TimeoutException e) {
            return new Item("command", check.display(), false, "no answer within " + check.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Item("command", check.display(), false, "cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Item("command", check.display(), false, "interrupted");
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.length() > 200 ? last.substring(0, 200) + "…" : last;
    }
}
