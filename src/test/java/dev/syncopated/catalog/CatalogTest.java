package dev.syncopated.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final Catalog CATALOG = Catalog.bundled();

    @Test
    void holdsTheNineRolesOfTheDesignInApplyOrder() {
        assertEquals(List.of("rt_kernel", "cpu_isolation", "cpu_power", "rtirq", "realtime_limits", "audio_sysctl",
                "usb_audio", "pipewire", "latency_probe"), CATALOG.names());
    }

    @Test
    void everyOptionHasADescriptionAndEveryDefaultPassesItsOwnRules() {
        for (RoleDef role : CATALOG.roles()) {
            for (OptionDef option : role.options().values()) {
                assertTrue(option.description().length() > 10, role.name() + "." + option.name());
                Object value = option.defaultValue();
                if (value != null && option.format() != null) {
                    List<?> values = value instanceof List<?> l ? l : List.of(value);
                    for (Object v : values) {
                        assertTrue(option.format().check(v).isEmpty(), role.name() + "." + option.name() + " default " + v);
                    }
                }
            }
        }
    }

    @Test
    void theSpecOptionNamesOfTheDesignAreThere() {
        assertEquals(List.of("rate", "allowed_rates", "quantum", "min_quantum", "max_quantum"),
                List.copyOf(CATALOG.role("pipewire").orElseThrow().options().keySet()));
        assertEquals(List.of("users", "group", "rtprio", "memlock"),
                List.copyOf(CATALOG.role("realtime_limits").orElseThrow().options().keySet()));
        assertEquals(List.of("name_list", "prio_high", "prio_decr", "prio_low"),
                List.copyOf(CATALOG.role("rtirq").orElseThrow().options().keySet()));
    }

    @Test
    void aBrokenCatalogFailsLoudlyWithItsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CatalogReader.parseRole("x", "description: d\norder: 1\noptions:\n  a: { type: float, description: no }\n"));
        assertTrue(e.getMessage().contains("unknown type"), e.getMessage());
    }

    @Test
    void formatsCatchWhatTypesCannot() {
        assertTrue(Format.QUANTUM.check(256L).isEmpty());
        assertEquals("did you mean 64? PipeWire buffers are 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 or 8192 frames",
                Format.QUANTUM.check(70L).orElseThrow().hint());
        assertTrue(Format.RATE.check(44100L).isEmpty());
        assertTrue(Format.ISOLATED_CPULIST.check("1-3,5").isEmpty());
        assertTrue(Format.ISOLATED_CPULIST.check("0").isPresent());
        assertTrue(Format.CPULIST.check("1,,2").isPresent());
        assertTrue(Format.USB_ID.check("1235:8210").isEmpty());
        assertTrue(Format.USER.check("_apt").isEmpty());
        assertTrue(Format.USER.check("-x").isPresent());
        assertTrue(Format.MEMLOCK.check(4194304L).isEmpty());
        assertTrue(Format.MEMLOCK.check("lots").isPresent());
        assertEquals("1-3,5,7-8", Format.format(new java.util.TreeSet<>(List.of(1, 2, 3, 5, 7, 8))));
    }
}
