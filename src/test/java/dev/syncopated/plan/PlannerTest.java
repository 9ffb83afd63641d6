package dev.syncopated.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.check.Validation;
import dev.syncopated.spec.Connection;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.spec.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    private static final Catalog CATALOG = Catalog.bundled();

    @TempDir
    Path dir;

    private Plan plan(String yaml) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);
        LoadedSpec loaded = Validation.validate(file, CATALOG);
        assertTrue(loaded.valid(), () -> loaded.diagnostics().sorted().toString());
        return Planner.plan(loaded.spec().orElseThrow(), CATALOG);
    }

    @Test
    void precedenceIsTopThenGroupsInHostOrderThenHost() throws IOException {
        Plan plan = plan("""
                roles:
                  pipewire: { quantum: 512, rate: 44100 }
                groups:
                  live:
                    roles:
                      pipewire: { quantum: 64 }
                  studio:
                    roles:
                      pipewire: { quantum: 256, max_quantum: 4096 }
                hosts:
                  a:
                    groups: [studio, live]
                  b:
                    groups: [live, studio]
                    roles:
                      pipewire: { rate: 96000 }
                """);
        RoleStep a = plan.hosts().get(0).roles().get(0);
        RoleStep b = plan.hosts().get(1).roles().get(0);

        assertEquals(64L, a.options().get("quantum"), "the group listed last wins");
        assertEquals(44100L, a.options().get("rate"), "top level fills what groups leave");
        assertEquals(256L, b.options().get("quantum"));
        assertEquals(96000L, b.options().get("rate"), "the host wins");
        assertEquals(4096L, b.options().get("max_quantum"));
        assertEquals(32L, b.options().get("min_quantum"), "unset options carry the catalog default");
    }

    @Test
    void rolesRunInCatalogOrderAndRemovalsFirstInReverse() throws IOException {
        Plan plan = plan("""
                hosts:
                  a:
                    roles:
                      pipewire: present
                      audio_sysctl: absent
                      latency_probe: info
                      rt_kernel: present
                      rtirq: absent
                """);
        List<String> steps = plan.hosts().get(0).roles().stream()
                .map(s -> s.role() + ":" + s.state().label()).toList();

        assertEquals(List.of("audio_sysctl:absent", "rtirq:absent", "rt_kernel:present", "pipewire:present",
                "latency_probe:info"), steps);
    }

    @Test
    void hostSettingsHaveDefaults() throws IOException {
        Plan plan = plan("""
                hosts:
                  tracker: {}
                  box:
                    connection: chroot
                    address: /srv/roots/box
                    become: false
                  here:
                    connection: local
                """);
        HostPlan tracker = plan.hosts().get(0);
        assertEquals("tracker", tracker.address());
        assertEquals(Connection.SSH, tracker.connection());
        assertTrue(tracker.become());
        assertNull(tracker.user());
        assertEquals("/srv/roots/box", plan.hosts().get(1).address());
        assertEquals(false, plan.hosts().get(1).become());
        assertEquals("localhost", plan.hosts().get(2).address());
        assertEquals(State.PRESENT, State.parse("present").orElseThrow());
    }

    @Test
    void usbIdsAreNormalisedForUdev() throws IOException {
        Plan plan = plan("hosts:\n  a:\n    roles:\n      usb_audio: { devices: [\"1235:82AB\"] }\n");

        assertEquals(List.of("1235:82ab"), plan.hosts().get(0).roles().get(0).options().get("devices"));
    }
}
