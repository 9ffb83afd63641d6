package dev.syncopated.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.syncopated.spec.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPatternTest {
    private static HostPlan host(String name, String... groups) {
        return new HostPlan(name, name, Connection.SSH, null, null, true, null, false, List.of(groups), List.of());
    }

    private static final Plan PLAN = new Plan("rack", List.of(
            host("stage-1", "live"), host("stage-2", "live", "recording"), host("tracker", "recording"), host("laptop")));

    private static List<String> select(String pattern) {
        return HostPattern.parse(pattern).select(PLAN).hosts().stream().map(HostPlan::name).toList();
    }

    @Test
    void namesGroupsAndAll() {
        assertEquals(List.of("tracker"), select("tracker"));
        assertEquals(List.of("stage-1", "stage-2"), select("live"));
        assertEquals(List.of("stage-1", "stage-2", "tracker", "laptop"), select("all"));
        assertEquals(List.of("stage-1", "stage-2", "tracker", "laptop"), select("*"));
    }

    @Test
    void unionIntersectionExclusion() {
        assertEquals(List.of("stage-1", "stage-2", "tracker"), select("live:recording"));
        assertEquals(List.of("stage-1", "stage-2", "tracker"), select("live,recording"));
        assertEquals(List.of("stage-2"), select("live:&recording"));
        assertEquals(List.of("stage-1"), select("live:!recording"));
        assertEquals(List.of("stage-1", "stage-2", "tracker"), select("!laptop"));
    }

    @Test
    void wildcardsAndRegexes() {
        assertEquals(List.of("stage-1", "stage-2"), select("stage-*"));
        assertEquals(List.of("stage-2", "tracker"), select("~(stage-2|track)"));
        assertThrows(IllegalArgumentException.class, () -> select("~(unclosed"));
    }

    @Test
    void reportsPartsThatMatchNothing() {
        assertEquals(List.of("trakcer"), HostPattern.parse("live:trakcer").unmatched(PLAN));
    }
}
