package dev.syncopated.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordTest {
    @TempDir
    Path state;

    @Test
    void keepsTheNewestRunsAndNeverARunThatMayStillBeGoing() throws IOException {
        Instant t = Instant.parse("2026-11-22T03:00:00Z");
        RunRecord live = RunRecord.create(state, t, 20); // no summary yet: maybe still running elsewhere
        for (int i = 1; i <= 4; i++) {
            RunRecord done = RunRecord.create(state, t.plusMillis(i), 20);
            done.awaitBackgroundWork();
            done.write(RunRecord.SUMMARY, "{\"status\": \"ok\"}\n");
        }

        RunRecord.create(state, t.plusSeconds(10), 3).awaitBackgroundWork();

        List<String> ids = RunRecord.list(state).stream().map(RunRecord::id).toList();
        assertEquals(4, ids.size(), ids.toString());
        assertTrue(ids.contains(live.id()), "the run without a summary stays: " + ids);
        assertTrue(ids.get(0).startsWith("20261122T030010.000Z-"), "newest first, to the millisecond: " + ids);
    }

    @Test
    void writesFilesAtomicallyAndReadsThemBack() throws IOException {
        RunRecord record = RunRecord.create(state, Instant.now(), 20);
        record.writeJson(RunRecord.SUMMARY, java.util.Map.of("status", "changed"));
        record.keepSpecs(java.util.Map.of("/abs/stage.yaml", "hosts: {}\n", "../up.yaml", "x: 1\n"));

        assertEquals("changed", record.readJson(RunRecord.SUMMARY).orElseThrow().get("status").asText());
        assertTrue(Files.exists(record.path("spec/abs/stage.yaml")));
        assertTrue(Files.exists(record.path("spec/__/up.yaml")), "no path escapes the record");
        try (var files = Files.list(record.dir())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
