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
import java.util.Locale;

/**
 * The small file a node keeps about its pulls ({@code status.json} in its state directory), which
 * {@code fleet status} reads back through Ansible.
 *
 * @param commit the commit the node's configuration is at now (after a rollback: the golden one)
 * @param golden the last commit that applied and passed its health check
 * @param lastCommit the commit the last pull tried
 * @param lastResult how that pull ended
 * @param message one line on why, for failures
 * @param head the branch head as the last pull fetched it: a held node knows what it is behind
 * @param hold why the last pull applied nothing, or null when it was not held
 */
public record NodeStatus(String host, String repo, String branch, String commit, String golden, String lastCommit,
                         Result lastResult, Instant time, String run, String message, String head, Hold hold) {

    /**
     * How a pull ended, as the status file and {@code fleet status} name it. {@code HELD} is only ever a
     * pull's outcome: a held pull keeps the last attempt's result in the file and records the hold beside it.
     */
    public enum Result {
        OK, FAILED, ROLLED_BACK, ROLLBACK_FAILED, INVALID, FETCH_FAILED, INTERRUPTED, HELD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Result parse(String text) {
            for (Result r : values()) {
                if (r.label().equals(text)) {
                    return r;
                }
            }
            return FAILED;
        }
    }

    public static final String FILE = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static NodeStatus none(String host, String repo, String branch) {
        return new NodeStatus(host, repo, branch, null, null, null, null, null, null, null, null, null);
    }

    /** The next status: the attempt of {@code tried}, ended with {@code result}; commit and golden as given; no hold. */
    public NodeStatus after(String tried, Result result, String nowAt, String newGolden, Instant at, String runDir, String why) {
        return new NodeStatus(host, repo, branch, nowAt, newGolden, tried, result, at, runDir, why, head, null);
    }

    /** The same status, knowing the branch is at {@code fetched}. */
    public NodeStatus fetched(String fetched) {
        return new NodeStatus(host, repo, branch, commit, golden, lastCommit, lastResult, time, run, message, fetched, hold);
    }

    /** The same status, with a pull held by {@code why} (null: not held), the last attempt's result kept. */
    public NodeStatus held(Hold why) {
        return new NodeStatus(host, repo, branch, commit, golden, lastCommit, lastResult, time, run, message, head, why);
    }

    /** A pull is due when the branch moved on, or the last one did not end well. */
    public boolean upToDateWith(String head) {
        return head.equals(lastCommit) && lastResult == Result.OK;
    }

    public static NodeStatus read(Path stateDir, String host, String repo, String branch) throws IOException {
        Path file = stateDir.resolve(FILE);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return none(host, repo, branch);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a status file syncopated wrote (" + e.getMessage() + "); remove it to start over", e);
        }
    }

    static NodeStatus parse(String json) throws IOException {
        JsonNode n = JSON.readTree(json);
        return new NodeStatus(text(n, "host"), text(n, "repo"), text(n, "branch"), text(n, "commit"), text(n, "golden"),
                text(n, "last_commit"), n.hasNonNull("last_result") ? Result.parse(n.get("last_result").asText()) : null,
                n.hasNonNull("time") ? Instant.parse(n.get("time").asText()) : null, text(n, "run"), text(n, "message"),
                text(n, "head"), Hold.fromJson(n.get("hold")));
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    public void write(Path stateDir) throws IOException {
        AtomicFiles.write(stateDir.resolve(FILE), toJson());
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("host", host);
        n.put("repo", repo);
        n.put("branch", branch);
        n.put("commit", commit);
        n.put("golden", golden);
        n.put("last_commit", lastCommit);
        n.put("last_result", lastResult == null ? null : lastResult.label());
        n.put("time", time == null ? null : time.toString());
        n.put("run", run);
        n.put("message", message);
        n.put("head", head);
        n.set("hold", hold == null ? null : hold.toJson());
        try {
            return JSON.writeValueAsString(n) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
