package dev.syncopated.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> ROLES = List.of("rt_kernel", "rtirq", "pipewire", "usb_audio");

    @Test
    void findsTyposSwapsAndCase() {
        assertEquals(Optional.of("pipewire"), Suggestions.closest("pipewrie", ROLES));
        assertEquals(Optional.of("rtirq"), Suggestions.closest("RTIRQ", ROLES));
        assertEquals(Optional.of("usb_audio"), Suggestions.closest("usb", ROLES));
    }

    @Test
    void suggestsNothingForUnrelatedWords() {
        assertEquals(Optional.empty(), Suggestions.closest("docker", ROLES));
        assertEquals("roles: rt_kernel, rtirq, pipewire, usb_audio", Suggestions.hint("docker", ROLES, "roles"));
    }
}
