package dev.syncopated.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Show holds and what counts as audio playing: fixture trees of /proc/asound and /proc, pw-dump output, hold files. */
class HoldTest {
    private static final Instant NOW = Instant.parse("2026-12-07T22:30:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path tmp;

    private void write(String path, String text) throws IOException {
        Path file = tmp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void aRunningPcmSubstreamIsPlayingAndAClosedOrPreparedOneIsNot() throws IOException {
        write("asound/card0/id", "Dummy\n");
        write("asound/card0/pcm0p/sub0/status", "closed\n");
        write("asound/card0/pcm0c/sub0/status", "state: PREPARED\nowner_pid   : 77\n");
        write("asound/card0/pcm0p/info", "card: 0\n");
        assertEquals(Optional.empty(), LiveAudio.runningPcm(tmp.resolve("asound")));

        write("asound/card1/id", "Loopback\n");
        write("asound/card1/pcm0p/sub1/status", "state: RUNNING\nowner_pid   : 4242\ntrigger_time: 1.0\n");
        assertEquals(Optional.of("ALSA card1 (Loopback) pcm0p/sub1 is RUNNING, owner pid 4242"),
                LiveAudio.runningPcm(tmp.resolve("asound")));
        assertEquals(Optional.empty(), LiveAudio.runningPcm(tmp.resolve("no-such-dir")), "no sound cards: silence");
    }

    @Test
    void aJackServerOnAnInterfaceIsPlayingAndOneOnTheDummyDriverIsNot() throws IOException {
        write("proc/100/cmdline", "jackd\0-n\0test\0-d\0dummy\0-r\00048000\0");
        write("proc/101/cmdline", "/usr/bin/bash\0");
        write("proc/self/cmdline", "jackd\0-dalsa\0");
        assertEquals(Optional.empty(), LiveAudio.jackServer(tmp.resolve("proc")), "dummy moves no audio; 'self' is no pid");

        write("proc/102/cmdline", "/usr/bin/jackd\0-R\0-dfirewire\0-r\00096000\0");
        assertEquals(Optional.of("JACK server jackd, pid 102, driver firewire"), LiveAudio.jackServer(tmp.resolve("proc")));
        assertEquals("alsa", LiveAudio.jackDriver(List.of("jackd", "-R", "--driver", "alsa")));
        assertEquals("net", LiveAudio.jackDriver(List.of("jackd", "--driver=net")));
    }

    @Test
    void aRunningPipewireAudioStreamIsPlayingAndAnIdleOrVideoOneIsNot() {
        String idle = "[{\"id\": 31, \"type\": \"PipeWire:Interface:Node\", \"info\": {\"state\": \"idle\", "
                + "\"props\": {\"media.class\": \"Audio/Sink\", \"node.name\": \"alsa_output.pci\"}}},"
                + "{\"id\": 40, \"type\": \"PipeWire:Interface:Node\", \"info\": {\"state\": \"running\", "
                + "\"props\": {\"media.class\": \"Stream/Input/Video\", \"node.name\": \"cam\"}}},"
                + "{\"id\": 41, \"type\": \"PipeWire:Interface:Node\", \"info\": {\"state\": \"suspended\", "
                + "\"props\": {\"media.class\": \"Stream/Output/Audio\", \"application.name\": \"mpv\"}}}]";
        assertEquals(Optional.empty(), LiveAudio.runningStream(idle));
        String playing = idle.replace("\"suspended\"", "\"running\"");
        assertEquals(Optional.of("PipeWire stream of mpv (Stream/Output/Audio) is running"), LiveAudio.runningStream(playing));
        assertEquals(Optional.empty(), LiveAudio.runningStream("not json"));
    }

    @Test
    void playingLooksAtEverySourceAndSilenceIsEmpty() throws IOException {
        Files.createDirectories(tmp.resolve("proc"));
        LiveAudio.Sources sources = new LiveAudio.Sources(tmp.resolve("asound"), tmp.resolve("proc"), tmp.resolve("run-user"), null);
        assertEquals(Optional.empty(), LiveAudio.playing(sources));
        write("asound/card0/pcm3p/sub0/status", "state: RUNNING\nowner_pid   : 9\n");
        assertTrue(LiveAudio.playing(sources).orElseThrow().startsWith("ALSA card0 (card0) pcm3p/sub0"));
    }

    @Test
    void untilNamesTheNextSuchTimeOfDayOrADateInTheZone() {
        // 22:30 UTC is 23:30 in Berlin: 02:00 is tomorrow, 23:45 still today.
        assertEquals(Instant.parse("2026-12-08T01:00:00Z"), Holds.untilTime("02:00", NOW, BERLIN).orElseThrow());
        assertEquals(Instant.parse("2026-12-07T22:45:00Z"), Holds.untilTime("23:45", NOW, BERLIN).orElseThrow());
        assertEquals(Instant.parse("2026-12-24T01:00:00Z"), Holds.untilTime("2026-12-24T02:00", NOW, BERLIN).orElseThrow());
        assertEquals(Instant.parse("2026-12-24T01:00:00Z"), Holds.untilTime("2026-12-24 02:00", NOW, BERLIN).orElseThrow());
        assertEquals(Instant.parse("2026-12-24T02:00:00Z"), Holds.untilTime("2026-12-24T02:00:00Z", NOW, BERLIN).orElseThrow());
        assertEquals(Optional.empty(), Holds.untilTime("after the show", NOW, BERLIN));
        assertEquals(Optional.empty(), Holds.untilTime("25:00", NOW, BERLIN));
    }

    @Test
    void aLabelSaysPlayingOrTheEndInTheZoneWithTheDateWhenMoreThanADayAhead() {
        assertEquals("held (playing)", Hold.playing("ALSA").label(NOW, BERLIN));
        assertEquals("held until 02:00", Hold.until(Instant.parse("2026-12-08T01:00:00Z"), "").label(NOW, BERLIN));
        assertEquals("held until 2026-12-09 02:00", Hold.until(Instant.parse("2026-12-09T01:00:00Z"), "").label(NOW, BERLIN));
        Hold read = Hold.fromJson(Hold.until(Instant.parse("2026-12-08T01:00:00Z"), "fleet").toJson());
        assertEquals(Hold.until(Instant.parse("2026-12-08T01:00:00Z"), "fleet"), read, "a status file gives back the hold it got");
        assertEquals(Hold.playing("ALSA"), Hold.fromJson(Hold.playing("ALSA").toJson()));
    }

    @Test
    void theNodesOwnHoldLastsUntilItsEndAndIsReleased() throws IOException {
        Path state = tmp.resolve("state");
        assertEquals(Optional.empty(), Holds.local(state, NOW));
        Holds.setLocal(state, NOW.plusSeconds(3600), NOW);
        assertEquals(Optional.of(NOW.plusSeconds(3600)), Holds.local(state, NOW));
        assertEquals(Optional.empty(), Holds.local(state, NOW.plusSeconds(3600)), "over at its end");
        assertTrue(Holds.releaseLocal(state));
        assertEquals(Optional.empty(), Holds.local(state, NOW));
        Files.writeString(state.resolve(Holds.NODE_FILE), "{\"until\": \"tonight\"}");
        IOException bad = assertThrows(IOException.class, () -> Holds.local(state, NOW));
        assertTrue(bad.getMessage().contains("is not a hold file syncopated wrote"), bad.getMessage());
    }

    /** A hold committed to holds.json holds its host at that head, not another host, and not once it is over. */
    @Test
    void theRepositorysHoldsAreReadAtTheFetchedHead() throws Exception {
        Path work = tmp.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("README"), "fleet\n");
            git.add().addFilepattern("README").call();
            git.commit().setMessage("start").setAuthor("t", "t@localhost").setCommitter("t", "t@localhost").call();
            Publisher.Result held = HoldPublisher.publish(work, "main", List.of("stage-1"), NOW.plusSeconds(7200), NOW,
                    Credentials.none(), false);
            assertTrue(held.commit().isPresent());
            assertEquals(Map.of("stage-1", NOW.plusSeconds(7200)), Holds.readRepoFile(work));
            Publisher.Result again = HoldPublisher.publish(work, "main", List.of("stage-1"), NOW.plusSeconds(7200), NOW,
                    Credentials.none(), false);
            assertTrue(again.commit().isEmpty(), "the same hold again makes no commit");

            ObjectId head = ObjectId.fromString(held.commit().get());
            Path state = tmp.resolve("state");
            assertEquals(Optional.of(Hold.until(NOW.plusSeconds(7200), "set in the fleet repository with 'syncopated fleet hold'")),
                    Holds.inForce(state, git.getRepository(), head, "stage-1", NOW));
            assertEquals(Optional.empty(), Holds.inForce(state, git.getRepository(), head, "stage-2", NOW));
            assertEquals(Optional.empty(), Holds.inForce(state, git.getRepository(), head, "stage-1", NOW.plusSeconds(7200)));
            Holds.setLocal(state, NOW.plusSeconds(60), NOW);
            assertEquals(Hold.Reason.UNTIL, Holds.inForce(state, git.getRepository(), head, "stage-2", NOW).orElseThrow().reason(),
                    "the node's own hold holds it whatever the repository says");

            Publisher.Result released = HoldPublisher.publish(work, "main", List.of("stage-1"), null, NOW, Credentials.none(), false);
            assertTrue(released.commit().isPresent());
            assertEquals(Map.of(), Holds.readRepoFile(work));
            assertEquals(Optional.empty(), Holds.inForce(tmp.resolve("other"), git.getRepository(),
                    ObjectId.fromString(released.commit().get()), "stage-1", NOW));
        }
    }

    @Test
    void anUnreadableHoldsFileHoldsTheNodeAndSaysSo() throws Exception {
        Path work = tmp.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve(Holds.REPO_FILE), "{\"hosts\": {\"stage-1\": {\"until\": \"soon\"}}}");
            git.add().addFilepattern(Holds.REPO_FILE).call();
            String sha = git.commit().setMessage("bad").setAuthor("t", "t@localhost").setCommitter("t", "t@localhost").call().getName();
            Hold hold = Holds.inForce(tmp.resolve("state"), git.getRepository(), ObjectId.fromString(sha), "stage-2", NOW).orElseThrow();
            assertTrue(hold.detail().contains("cannot be read"), hold.detail());
            assertTrue(hold.until().isAfter(NOW.plusSeconds(86400L * 365 * 100)));
            assertTrue(hold.label(NOW, ZoneOffset.UTC).startsWith("held until 9999-"), hold.label(NOW, ZoneOffset.UTC));
        }
    }
}
