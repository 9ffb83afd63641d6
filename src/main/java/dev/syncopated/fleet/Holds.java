package dev.syncopated.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Show holds: times until which pulls apply nothing. A node keeps its own in {@code hold.json} in its
 * state directory ({@code syncopated hold}); the fleet repository keeps one per host in
 * {@code holds.json} at its top ({@code syncopated fleet hold}), which a pull reads at the head it
 * fetched, so a hold committed after a change still stops that change. Publish never touches that file.
 */
public final class Holds {
    public static final String NODE_FILE = "hold.json";
    public static final String REPO_FILE = "holds.json";
    /** The end of a hold that lasts until someone fixes holds.json: as late as a time can be shown. */
    private static final Instant UNTIL_FIXED = Instant.parse("9999-12-31T23:59:00Z");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Holds() {}

    /** The node's own hold, when one is set and {@code now} is before its end. */
    public static Optional<Instant> local(Path stateDir, Instant now) throws IOException {
        Path file = stateDir.resolve(NODE_FILE);
        try {
            JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Instant until = Instant.parse(n.path("until").asText());
            return until.isAfter(now) ? Optional.of(until) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            throw new IOException(file + " is not a hold file syncopated wrote (" + e.getMessage()
                    + "); remove it, or set the hold again with 'syncopated hold'", e);
        }
    }

    public static void setLocal(Path stateDir, Instant until, Instant now) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("managed_by", "syncopated hold");
        n.put("until", until.toString());
        n.put("set", now.toString());
        Files.createDirectories(stateDir);
        AtomicFiles.write(stateDir.resolve(NODE_FILE), JSON.writeValueAsString(n) + "\n");
    }

    /** Ends the node's own hold; false when there was none. */
    public static boolean releaseLocal(Path stateDir) throws IOException {
        return Files.deleteIfExists(stateDir.resolve(NODE_FILE));
    }

    /** Each host's hold end in a {@code holds.json}. */
    public static Map<String, Instant> parseRepo(String json) throws IOException {
        Map<String, Instant> holds = new TreeMap<>();
        JsonNode hosts = JSON.readTree(json).path("hosts");
        for (Iterator<Map.Entry<String, JsonNode>> it = hosts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                holds.put(entry.getKey(), Instant.parse(entry.getValue().path("until").asText()));
            } catch (DateTimeParseException e) {
                throw new IOException(REPO_FILE + ": the hold of '" + entry.getKey() + "' has no valid 'until'", e);
            }
        }
        return holds;
    }

    /** The {@code holds.json} of these holds, those already over at {@code now} left out. */
    public static String repoJson(Map<String, Instant> holds, Instant now) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("managed_by", "syncopated fleet hold: pulls apply nothing to a host before its 'until'");
        ObjectNode hosts = root.putObject("hosts");
        new TreeMap<>(holds).forEach((host, until) -> {
            if (until.isAfter(now)) {
                hosts.putObject(host).put("until", until.toString());
            }
        });
        return JSON.writeValueAsString(root) + "\n";
    }

    /**
     * The hold in force for {@code host} at {@code now}: the node's own, else the fleet repository's at
     * the fetched {@code head}. A {@code holds.json} that cannot be read holds the node (a show is safer
     * without a change than with one), and says so.
     */
    public static Optional<Hold> inForce(Path stateDir, Repository repo, ObjectId head, String host, Instant now)
            throws IOException {
        Optional<Instant> local = local(stateDir, now);
        if (local.isPresent()) {
            return Optional.of(Hold.until(local.get(), "set on this node with 'syncopated hold'"));
        }
        Optional<String> file = FleetRepo.readFile(repo, head, REPO_FILE);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Instant> holds;
        try {
            holds = parseRepo(file.get());
        } catch (IOException e) {
            return Optional.of(Hold.until(UNTIL_FIXED, REPO_FILE + " at " + head.getName().substring(0, 12)
                    + " cannot be read (" + e.getMessage() + "): fix or remove it"));
        }
        Instant until = holds.get(host);
        return until != null && until.isAfter(now)
                ? Optional.of(Hold.until(until, "set in the fleet repository with 'syncopated fleet hold'"))
                : Optional.empty();
    }

    /**
     * The time {@code --until} names, in {@code zone}: {@code 02:00} (its next occurrence after
     * {@code now}), {@code 2026-12-24T02:00} or {@code 2026-12-24 02:00} (local), or an ISO time with
     * an offset ({@code 2026-12-24T02:00:00Z}). Empty when it is none of those.
     */
    public static Optional<Instant> untilTime(String text, Instant now, ZoneId zone) {
        String t = text.strip();
        try {
            LocalTime clock = LocalTime.parse(t);
            ZonedDateTime today = ZonedDateTime.of(LocalDate.ofInstant(now, zone), clock, zone);
            return Optional.of((today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant());
        } catch (DateTimeParseException e) {
            // not a time of day
        }
        try {
            return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            // not a local date and time
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Each host's hold in a working tree's {@code holds.json}; none when it has no such file. */
    static Map<String, Instant> readRepoFile(Path workTree) throws IOException {
        Path file = workTree.resolve(REPO_FILE);
        return Files.isRegularFile(file) ? parseRepo(Files.readString(file, StandardCharsets.UTF_8)) : new TreeMap<>();
    }
}
