package dev.syncopated.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunRecord;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.plan.InfoPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run pipeline in-process, in an environment of the test's own: its HOME, PATH, clock and version. */
class RunsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Path INFO_EVENTS = Path.of("src/test/resources/events/info.jsonl").toAbsolutePath();

    @TempDir
    Path dir;

    private RunEnvironment environment(Path bin) {
        return RunEnvironment.of(Map.of("PATH", bin.toString()), dir.resolve("home"), dir, Clock.fixed(NOW, ZoneOffset.UTC),
                "test-version", true);
    }

    private Path spec(String text) throws IOException {
        Path spec = dir.resolve("stage.yaml");
        Files.writeString(spec, text);
        return spec;
    }

    private static RunRequest request(Path spec) {
        return new RunRequest("info", List.of("info", spec.toString()), spec, null, null, RunRequest.DEFAULT_KEEP, plan -> plan);
    }

    private Path stateDir() {
        return dir.resolve("home/.local/state/syncopated");
    }

    /** A stand-in for ansible-playbook that prints the events of a real info run. */
    private Path fakeAnsible() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("ansible-playbook");
        Files.writeString(script, "#!/bin/sh\ncat '" + INFO_EVENTS + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("setsid"), Path.of("/usr/bin/setsid"));
        return bin;
    }

    @Test
    void anInvalidSpecIsRefusedWithItsDiagnosticsBeforeAnythingIsWritten() throws IOException {
        Runs runs = new Runs(environment(fakeAnsible()), Catalog.bundled());
        Path spec = spec("name: t\nhosts:\n  image:\n    conection: chroot\n");

        InvalidSpec e = assertThrows(InvalidSpec.class, () -> runs.prepare(request(spec)));

        assertEquals(UserError.Kind.PROBLEMS, e.kind());
        assertEquals(spec, e.file());
        assertTrue(e.loaded().diagnostics().sorted().stream().anyMatch(d -> d.message().contains("unknown key 'conection'")),
                e.loaded().diagnostics().sorted().toString());
        assertFalse(Files.exists(stateDir()), "no run record for a spec that never ran");
    }

    @Test
    void ansibleMissingFromTheGivenPathIsAnEnvironmentErrorWithHowToInstallIt() throws IOException {
        Runs runs = new Runs(environment(Files.createDirectories(dir.resolve("empty-bin"))), Catalog.bundled());
        Path spec = spec("name: t\nhosts:\n  image:\n    connection: chroot\n    address: /srv/image\n");

        UserError e = assertThrows(UserError.class, () -> runs.prepare(request(spec)));

        assertEquals(UserError.Kind.ENVIRONMENT, e.kind());
        assertEquals("ansible-playbook is not installed (not on PATH)", e.getMessage());
        assertTrue(e.hint().startsWith("install it: ") && e.hint().endsWith(" ansible"), e.hint());
        assertFalse(Files.exists(stateDir()));
    }

    @Test
    void setsidAndSshMissingAreEnvironmentErrorsToo() throws IOException {
        Path bin = fakeAnsible();
        Files.delete(bin.resolve("setsid"));
        Path spec = spec("name: t\nhosts:\n  image:\n    connection: chroot\n    address: /srv/image\n");
        UserError noSetsid = assertThrows(UserError.class, () -> new Runs(environment(bin), Catalog.bundled()).prepare(request(spec)));
        assertEquals("setsid is not installed (not on PATH)", noSetsid.getMessage());
        assertTrue(noSetsid.hint().endsWith(" util-linux"), noSetsid.hint());

        Files.createSymbolicLink(bin.resolve("setsid"), Path.of("/usr/bin/setsid"));
        Path sshSpec = spec("name: t\nhosts:\n  tracker:\n    address: tracker.lan\n");
        UserError noSsh = assertThrows(UserError.class, () -> new Runs(environment(bin), Catalog.bundled()).prepare(request(sshSpec)));
        assertEquals(UserError.Kind.ENVIRONMENT, noSsh.kind());
        assertEquals("ssh is not installed (not on PATH)", noSsh.getMessage());
        assertFalse(Files.exists(stateDir()));
    }

    @Test
    void aRunIsRecordedInTheGivenStateDirectoryWithTheGivenClockAndVersion() throws IOException {
        Catalog catalog = Catalog.bundled();
        Runs runs = new Runs(environment(fakeAnsible()), catalog);
        Path spec = spec("name: t\nhosts:\n  image:\n    connection: chroot\n    address: /srv/image\n"
                + "    roles:\n      realtime_limits: { users: [root] }\n      audio_sysctl: present\n");

        Runs.Prepared prepared = runs.prepare(request(spec).adjusting(plan -> InfoPlan.of(plan, catalog)));
        Runs.Finished run = runs.playOnce(prepared, prepared.options(true, false, null, null), Progress.silent());

        assertEquals(RunRecord.runsDir(stateDir()), prepared.record().dir().getParent());
        assertTrue(prepared.record().id().startsWith("20261207T100000.000Z-"), prepared.record().id());
        assertTrue(Files.isRegularFile(prepared.project().resolve("ansible.cfg")));
        assertEquals(RunStatus.OK, run.status());
        assertEquals("ok", run.summary().path("status").asText(), run.summary().toPrettyString());
        assertTrue(run.outcome().state().hosts().get("image").findings().containsKey("realtime_limits"));
        JsonNode command = new ObjectMapper().readTree(prepared.record().path(RunRecord.COMMAND).toFile());
        assertEquals("test-version", command.path("version").asText());
        assertEquals(NOW.toString(), command.path("started").asText());
        assertEquals(dir.toString(), command.path("cwd").asText());
        assertEquals(List.of("info", spec.toString()), List.of(command.path("argv").get(0).asText(), command.path("argv").get(1).asText()));
        JsonNode summary = new ObjectMapper().readTree(prepared.record().path(RunRecord.SUMMARY).toFile());
        assertEquals(run.summary(), summary, "the summary returned is the one kept");
    }

    @Test
    void aLimitThatMatchesNoHostIsAUsageErrorWithASuggestion() throws IOException {
        Runs runs = new Runs(environment(fakeAnsible()), Catalog.bundled());
        Path spec = spec("name: t\nhosts:\n  image:\n    connection: chroot\n    address: /srv/image\n");
        RunRequest request = new RunRequest("apply", List.of(), spec, "imag", null, RunRequest.DEFAULT_KEEP, plan -> plan);

        UserError e = assertThrows(UserError.class, () -> runs.prepare(request));

        assertEquals(UserError.Kind.USAGE, e.kind());
        assertEquals("--limit 'imag' matches no host of " + spec, e.getMessage());
        assertTrue(e.hint().contains("image"), e.hint());
    }

    private static dev.syncopated.plan.HostPlan host(String name, dev.syncopated.spec.Connection connection, String cores) {
        List<dev.syncopated.plan.RoleStep> roles = cores == null ? List.of()
                : List.of(new dev.syncopated.plan.RoleStep("cpu_isolation", dev.syncopated.spec.State.PRESENT, Map.of("cores", cores)));
        return new dev.syncopated.plan.HostPlan(name, name, connection, null, null, true, null, false, List.of(), roles);
    }

    /** apply --background keeps Ansible off the cores this machine (a connection: local host) isolates, and only those. */
    @Test
    void aBackgroundApplyRunsOnTheCpusNoLocalHostIsolates() {
        var online = java.util.Set.of(0, 1, 2, 3, 4, 5);
        var plan = new dev.syncopated.plan.Plan("p", List.of(host("here", dev.syncopated.spec.Connection.LOCAL, "2-3"),
                host("rack", dev.syncopated.spec.Connection.SSH, "1,4-5")));
        assertEquals(java.util.Set.of(0, 1, 4, 5), Runs.housekeepingCpus(plan, online), "rack's cores are rack's, not this machine's");
        var none = new dev.syncopated.plan.Plan("p", List.of(host("here", dev.syncopated.spec.Connection.LOCAL, null)));
        assertEquals(java.util.Set.of(), Runs.housekeepingCpus(none, online), "no isolation: any CPU");
    }

    /** fleet enroll tells each node's pull the CPUs its own cpu_isolation keeps for audio. */
    @Test
    void enrollPassesEachHostsIsolatedCpusToItsPull() {
        assertEquals(Map.of("isolated_cpus", List.of(2, 3)),
                FleetRuns.pullOptions(host("node", dev.syncopated.spec.Connection.SSH, "2-3")));
        assertEquals(Map.of("isolated_cpus", List.of(4, 5, 6, 9)),
                FleetRuns.pullOptions(host("node", dev.syncopated.spec.Connection.SSH, "4-6,9")));
        assertEquals(Map.of(), FleetRuns.pullOptions(host("node", dev.syncopated.spec.Connection.SSH, null)));
    }
}
