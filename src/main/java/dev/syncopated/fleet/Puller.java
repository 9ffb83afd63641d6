package dev.syncopated.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.ansible.AnsibleRun;
import dev.syncopated.ansible.Progress;
import dev.syncopated.ansible.RunRecord;
import dev.syncopated.ansible.RunReport;
import dev.syncopated.ansible.RunStatus;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.check.Validation;
import dev.syncopated.fleet.NodeStatus.Result;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.Planner;
import dev.syncopated.plan.RoleStep;
import dev.syncopated.report.DiagnosticPrinter;
import dev.syncopated.report.SpecReport;
import dev.syncopated.spec.HealthCheck;
import dev.syncopated.spec.LoadedSpec;
import dev.syncopated.spec.Spec;
import dev.syncopated.spec.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What {@code syncopated pull} does on a node: under a lock, fetch the branch, and when it moved on
 * (or the last pull did not end well) validate the spec of that commit, apply it with ansible-pull
 * pinned to the commit, and run the host's health check. A healthy commit becomes golden; an
 * unhealthy one (or one that failed to apply) is undone by applying the golden commit again, with
 * the roles the bad commit added removed, and checking health once more.
 *
 * <p>A show hold, or audio playing on the node, stops all of that after the fetch: the pull applies
 * nothing, records the hold and the head it fetched in the status file, and the next pull tries again.
 * A hold that begins while a new commit is applied keeps the rollback from running too; it waits for
 * the hold to end.
 */
public final class Puller {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param gitSsh program jgit runs for ssh URLs (null: none needed)
     * @param ansiblePull the ansible-pull executable
     * @param audio where to look for audio playing right now
     */
    public record Settings(String repo, String branch, String host, Path stateDir, boolean force, Duration timeout, int keep,
                           Credentials credentials, Path gitSsh, Path ansiblePull, String version, LiveAudio.Sources audio) {}

    /** How the pull ended, the status it left, and the run record (null when nothing ran). */
    public record Outcome(Result result, boolean applied, NodeStatus status, Path run, String message) {
        public static Outcome busy() {
            return new Outcome(null, false, null, null, "another pull is running");
        }
    }

    /** A commit as the node sees it: its validated spec, the plan cut down to this host, the host's health check. */
    private record Commit(String sha, Spec spec, Plan plan, HostPlan host, List<HealthCheck> health, Path specDir) {}

    private final Settings settings;
    private final Catalog catalog;
    private final Progress progress;
    private final PrintWriter err;
    private final Clock clock;

    public Puller(Settings settings, Catalog catalog, Progress progress, PrintWriter err, Clock clock) {
        this.settings = settings;
        this.catalog = catalog;
        this.progress = progress;
        this.err = err;
        this.clock = clock;
    }

    public Outcome pull() throws IOException {
        Optional<PullLock> lock = PullLock.tryAcquire(settings.stateDir());
        if (lock.isEmpty()) {
            return Outcome.busy();
        }
        try (PullLock held = lock.get(); Mirror mirror = Mirror.open(settings.stateDir().resolve("mirror.git"))) {
            return pullLocked(mirror);
        }
    }

    private Outcome pullLocked(Mirror mirror) throws IOException {
        Path state = settings.stateDir();
        NodeStatus status = NodeStatus.read(state, settings.host(), Credentials.redact(settings.repo()), settings.branch());
        String head;
        try {
            head = mirror.fetch(settings.repo(), settings.branch(), settings.credentials(), settings.gitSsh());
        } catch (Mirror.FetchException e) {
            String why = "cannot fetch " + settings.branch() + " from " + Credentials.redact(settings.repo()) + ": " + e.getMessage();
            NodeStatus next = status.after(status.lastCommit(), Result.FETCH_FAILED, status.commit(), status.golden(),
                    clock.instant(), status.run(), why);
            next.write(state);
            return new Outcome(Result.FETCH_FAILED, false, next, null, why);
        }
        NodeStatus fetched = status.fetched(head);
        Optional<Hold> showHold = Holds.inForce(state, mirror.repository(), ObjectId.fromString(head), settings.host(),
                clock.instant());
        if (fetched.upToDateWith(head) && !settings.force()) {
            // Nothing to hold back; a show hold is still recorded, so fleet status shows it.
            NodeStatus next = fetched.held(showHold.orElse(null));
            if (!next.equals(status)) {
                next.write(state);
            }
            say("up to date: " + settings.branch() + " is at " + shortSha(head) + ", applied and healthy"
                    + showHold.map(h -> "; " + h.label(clock.instant(), clock.getZone())).orElse(""));
            return new Outcome(Result.OK, false, next, null, "up to date");
        }
        Optional<Hold> hold = showHold.isPresent() ? showHold : playing(mirror, head);
        if (hold.isPresent()) {
            return held(fetched, head, hold.get());
        }
        status = fetched;
        say((head.equals(status.lastCommit()) ? "retrying " : "pulling ") + shortSha(head) + " of " + settings.branch()
                + (status.lastResult() != null && head.equals(status.lastCommit()) ? " (last pull: " + status.lastResult().label() + ")" : ""));

        RunRecord record = startRecord(head);
        try {
            return converge(mirror, status, head, record);
        } catch (Interrupted e) {
            say("interrupted: " + e.getMessage() + "; the node may be half way to " + shortSha(head) + ", the next pull retries it");
            return finish(record, status.after(head, Result.INTERRUPTED, status.commit(), status.golden(), clock.instant(),
                    record.dir().toString(), e.getMessage()), true);
        }
    }

    private Outcome converge(Mirror mirror, NodeStatus status, String head, RunRecord record) throws IOException {
        Path work = Files.createDirectories(record.path("commits"));
        Optional<Commit> target = load(mirror, head, work, true);
        if (target.isEmpty()) {
            String why = "the spec at " + shortSha(head) + " is not valid for host " + settings.host() + "; nothing was applied";
            return finish(record, status.after(head, Result.INVALID, status.commit(), status.golden(), clock.instant(),
                    record.dir().toString(), why), false);
        }
        Optional<Commit> current = status.commit() == null || status.commit().equals(head) ? Optional.empty()
                : load(mirror, status.commit(), work, false);
        Attempt forward = apply(mirror, record, target.get(), dropped(current, target.get()), "");
        if (forward.passed()) {
            mirror.markGolden(head);
            return finish(record, status.after(head, Result.OK, head, head, clock.instant(), record.dir().toString(),
                    null), true);
        }
        String why = forward.why();
        if (status.golden() == null || status.golden().equals(head)) {
            return finish(record, status.after(head, Result.FAILED, head, status.golden(), clock.instant(),
                    record.dir().toString(), why + "; there is no other golden commit to roll back to"), true);
        }
        Optional<Hold> hold = holdNow(mirror, head);
        if (hold.isPresent()) {
            // Applying the golden commit again may restart audio services: not while the hold is on.
            say(hold.get().label(clock.instant(), clock.getZone()) + " (" + hold.get().detail() + "): the rollback to "
                    + shortSha(status.golden()) + " waits for the hold to end");
            return finish(record, status.after(head, Result.FAILED, head, status.golden(), clock.instant(),
                    record.dir().toString(), why + "; the rollback waits for the hold to end").held(hold.get()), true);
        }
        say("rolling back to the golden commit " + shortSha(status.golden()) + ": " + why);
        Optional<Commit> golden = load(mirror, status.golden(), work, false);
        if (golden.isEmpty()) {
            return finish(record, status.after(head, Result.ROLLBACK_FAILED, head, status.golden(), clock.instant(),
                    record.dir().toString(), why + "; the golden commit " + shortSha(status.golden()) + " no longer loads"), true);
        }
        Attempt back = apply(mirror, record, golden.get(), dropped(target, golden.get()), "rollback-");
        if (back.passed()) {
            return finish(record, status.after(head, Result.ROLLED_BACK, status.golden(), status.golden(), clock.instant(),
                    record.dir().toString(), why), true);
        }
        return finish(record, status.after(head, Result.ROLLBACK_FAILED, status.golden(), status.golden(), clock.instant(),
                record.dir().toString(), why + "; the rollback also failed: " + back.why()), true);
    }

    /** A pull that applies nothing now: the hold and the fetched head go into the status file, no run record. */
    private Outcome held(NodeStatus status, String head, Hold hold) throws IOException {
        NodeStatus next = status.held(hold);
        next.write(settings.stateDir());
        // "pull: held: until 02:00 (set on this node ...); 4f0c1d2e9a7b of main waits, nothing was applied"
        String why = hold.label(clock.instant(), clock.getZone()).replaceFirst("^held ", "") + " (" + hold.detail() + "); "
                + shortSha(head) + " of " + settings.branch() + " waits, nothing was applied";
        return new Outcome(Result.HELD, false, next, null, why);
    }

    /** The show hold in force now, else audio playing now (when the commit at {@code head} holds for that). */
    private Optional<Hold> holdNow(Mirror mirror, String head) throws IOException {
        Optional<Hold> show = Holds.inForce(settings.stateDir(), mirror.repository(), ObjectId.fromString(head),
                settings.host(), clock.instant());
        return show.isPresent() ? show : playing(mirror, head);
    }

    /** Audio playing on the node, unless the spec at {@code head} says {@code fleet.hold_while_playing: false}. */
    private Optional<Hold> playing(Mirror mirror, String head) throws IOException {
        Optional<String> manifest = FleetRepo.readFile(mirror.repository(), ObjectId.fromString(head), FleetRepo.MANIFEST);
        if (manifest.isPresent() && !FleetProject.holdsWhilePlaying(manifest.get())) {
            return Optional.empty();
        }
        return LiveAudio.playing(settings.audio()).map(Hold::playing);
    }

    /** One ansible-pull run of a commit and its health check. */
    private record Attempt(RunStatus run, Health.Report health, String why) {
        boolean passed() {
            return why == null;
        }
    }

    private Attempt apply(Mirror mirror, RunRecord run, Commit commit, List<String> undo, String prefix) throws IOException {
        Path state = settings.stateDir();
        ObjectNode vars = JSON.createObjectNode();
        // On the node itself: whatever connection the spec gives for reaching it from a workstation.
        vars.put("ansible_connection", "local");
        if ("root".equals(System.getProperty("user.name"))) {
            vars.put("ansible_become", false);
        }
        for (String role : undo) {
            vars.put(role + "_state", State.ABSENT.label());
        }
        run.writeJson(prefix + "pull-vars.json", vars);
        if (!undo.isEmpty()) {
            say("removing what " + shortSha(commit.sha()) + " does not have: " + String.join(", ", undo));
        }
        List<String> command = List.of(settings.ansiblePull().toString(),
                "--url", mirror.url(), "--checkout", commit.sha(), "--directory", state.resolve("checkout").toString(),
                "--full", "--clean", "--inventory", "inventory/hosts.yml", "--limit", settings.host(),
                "--extra-vars", "@" + run.path(prefix + "pull-vars.json"), AnsibleRun.SITE);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANSIBLE_STDOUT_CALLBACK", "syncopated_events");
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("PYTHONUNBUFFERED", "1");
        // Run from the state directory: the checkout step finds no inventory there and uses the implicit localhost.
        Plan reported = withUndone(commit.plan(), undo);
        AnsibleRun.Outcome outcome = AnsibleRun.runPiped(command, state, env, reported, settings.timeout(),
                progress, run.path(prefix + "events.fifo"), run.path(prefix + RunRecord.EVENTS),
                run.path(prefix + RunRecord.STDOUT), run.path(prefix + RunRecord.STDERR));
        run.writeJson(prefix + RunRecord.SUMMARY, RunReport.summary(reported, outcome.state(), outcome.status(),
                run.dir().toString()));
        err.print(RunReport.failures(outcome.state()));
        if (outcome.status() == RunStatus.INTERRUPTED) {
            throw new Interrupted(outcome.process().interruption());
        }
        if (outcome.status() != RunStatus.OK && outcome.status() != RunStatus.CHANGED) {
            String why = "applying " + shortSha(commit.sha()) + " " + outcome.status().label()
                    + (outcome.state().finished() ? "" : " before its recap: " + outcome.stderrTail().lines().reduce((a, b) -> b).orElse(""));
            return new Attempt(outcome.status(), null, why);
        }
        say("applied " + shortSha(commit.sha()) + " (" + outcome.state().changes().size() + " changed); checking health");
        boolean rebootPending = outcome.state().hosts().values().stream()
                .anyMatch(h -> h.rebootRequired().containsValue(Boolean.TRUE));
        List<String> roles = commit.host().roles().stream().filter(s -> s.state() == State.PRESENT).map(RoleStep::role).toList();
        Health.Report health = Health.check(commit.health(), roles, commit.host().offline(), rebootPending, commit.specDir());
        run.writeJson(prefix + "health.json", healthJson(commit, health));
        for (Health.Item item : health.items()) {
            say("  " + (item.passed() ? "ok    " : "FAILED") + " " + item.kind() + " " + item.name() + ": " + item.detail());
        }
        if (!health.passed()) {
            Health.Item first = health.failures().get(0);
            return new Attempt(outcome.status(), health, "the health check of " + shortSha(commit.sha()) + " failed: "
                    + first.kind() + " '" + first.name() + "' " + first.detail());
        }
        return new Attempt(outcome.status(), health, null);
    }

    /** The plan the run reports against: the commit's roles for this host, and the roles being undone. */
    private static Plan withUndone(Plan plan, List<String> undo) {
        HostPlan host = plan.hosts().get(0);
        List<RoleStep> steps = new ArrayList<>();
        undo.forEach(role -> steps.add(new RoleStep(role, State.ABSENT, Map.of())));
        steps.addAll(host.roles());
        return new Plan(plan.name(), List.of(host.withRoles(steps)));
    }

    /** Roles {@code from} has present on this host that {@code to} does not mention: applying {@code to} removes them. */
    private List<String> dropped(Optional<Commit> from, Commit to) {
        if (from.isEmpty()) {
            return List.of();
        }
        List<String> kept = to.host().roles().stream().map(RoleStep::role).toList();
        return from.get().host().roles().stream().filter(s -> s.state() == State.PRESENT && !kept.contains(s.role()))
                .map(RoleStep::role).toList();
    }

    /**
     * The spec of {@code sha}, validated with this syncopated's catalog. When it is not valid (or names
     * no such host), its diagnostics are printed if {@code report} and the result is empty.
     */
    private Optional<Commit> load(Mirror mirror, String sha, Path work, boolean report) throws IOException {
        Path dir = work.resolve(sha);
        ObjectId id = ObjectId.fromString(sha);
        var repo = mirror.repository();
        Optional<String> manifest = FleetRepo.readFile(repo, id, FleetRepo.MANIFEST);
        if (manifest.isEmpty()) {
            say("commit " + shortSha(sha) + " has no " + FleetRepo.MANIFEST + ": it was not made by syncopated publish");
            return Optional.empty();
        }
        String root = FleetProject.rootSpec(manifest.get());
        if (!Files.isDirectory(dir)) {
            FleetRepo.extract(repo, id, FleetRepo.SPEC_DIR, dir);
        }
        Path specFile = dir.resolve(root);
        LoadedSpec loaded = Validation.validate(specFile, catalog);
        if (!loaded.valid()) {
            if (report) {
                err.print(DiagnosticPrinter.text(List.of(new SpecReport(specFile.toString(), loaded.diagnostics().sorted(),
                        loaded.sources()))));
                err.flush();
            }
            return Optional.empty();
        }
        Spec spec = loaded.spec().orElseThrow();
        Plan plan = Planner.plan(spec, catalog);
        Optional<HostPlan> host = plan.hosts().stream().filter(h -> h.name().equals(settings.host())).findFirst();
        if (host.isEmpty()) {
            if (report) {
                say("the spec at " + shortSha(sha) + " has no host '" + settings.host() + "' (hosts: "
                        + plan.hosts().stream().map(HostPlan::name).toList() + ")");
            }
            return Optional.empty();
        }
        return Optional.of(new Commit(sha, spec, new Plan(plan.name(), List.of(host.get())), host.get(),
                spec.health(spec.hosts().get(settings.host())), dir));
    }

    private RunRecord startRecord(String head) throws IOException {
        RunRecord record = RunRecord.create(settings.stateDir(), clock.instant(), settings.keep());
        ObjectNode command = JSON.createObjectNode();
        command.put("command", "pull");
        command.put("repo", Credentials.redact(settings.repo()));
        command.put("branch", settings.branch());
        command.put("host", settings.host());
        command.put("commit", head);
        command.put("force", settings.force());
        command.put("version", settings.version());
        command.put("started", clock.instant().toString());
        record.writeJson(RunRecord.COMMAND, command);
        return record;
    }

    private Outcome finish(RunRecord record, NodeStatus next, boolean applied) throws IOException {
        record.awaitBackgroundWork();
        next.write(settings.stateDir());
        record.write(NodeStatus.FILE, next.toJson());
        if (!record.path(RunRecord.SUMMARY).toFile().exists()) {
            ObjectNode summary = JSON.createObjectNode();
            summary.put("status", next.lastResult().label());
            summary.put("commit", next.lastCommit());
            summary.put("message", next.message());
            record.writeJson(RunRecord.SUMMARY, summary);
        }
        return new Outcome(next.lastResult(), applied, next, record.dir(), next.message());
    }

    private ObjectNode healthJson(Commit commit, Health.Report health) {
        ObjectNode root = JSON.createObjectNode();
        root.put("commit", commit.sha());
        root.put("passed", health.passed());
        ArrayNode items = root.putArray("checks");
        for (Health.Item item : health.items()) {
            items.addObject().put("kind", item.kind()).put("name", item.name()).put("passed", item.passed()).put("detail", item.detail());
        }
        return root;
    }

    private void say(String line) {
        err.println("pull: " + line);
        err.flush();
    }

    static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
    }

    /** Ctrl-C, SIGTERM or --timeout stopped ansible-pull; the pull ends without a rollback. */
    public static final class Interrupted extends RuntimeException {
        public Interrupted(String why) {
            super(why);
        }
    }
}
