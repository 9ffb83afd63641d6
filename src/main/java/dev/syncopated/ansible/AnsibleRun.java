package dev.syncopated.ansible;

import dev.syncopated.plan.Plan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the rendered project's playbook with the event callback, folding events into a
 * {@link RunState} and showing progress while Ansible works. Arguments are an array, never a shell line.
 */
public final class AnsibleRun {

    /** The playbook every run of a rendered project plays, unless a command names another. */
    public static final String SITE = "playbooks/site.yml";

    /**
     * What the user asked of this run. {@code limit}, {@code forks}, {@code timeout} and
     * {@code becomePasswordFile} may be null; the password file is passed by name, never its content.
     * {@code varsFiles} are passed as {@code -e @FILE}, so their values never show in a process list.
     * {@code launcher} are the programs Ansible is started through (empty: none), such as {@link LowPriority}'s.
     */
    public record Options(boolean check, boolean diff, String limit, Integer forks, Duration timeout,
                          Path becomePasswordFile, String playbook, List<Path> varsFiles, List<String> launcher) {

        public Options {
            varsFiles = List.copyOf(varsFiles);
            launcher = List.copyOf(launcher);
        }

        public Options(boolean check, boolean diff, String limit, Integer forks, Duration timeout, Path becomePasswordFile) {
            this(check, diff, limit, forks, timeout, becomePasswordFile, SITE, List.of(), List.of());
        }

        public Options(boolean check, boolean diff, String limit, Integer forks, Duration timeout) {
            this(check, diff, limit, forks, timeout, null);
        }

        /** The same run, playing {@code other} with {@code vars} as extra variables. */
        public Options playing(String other, List<Path> vars) {
            return new Options(check, diff, limit, forks, timeout, becomePasswordFile, other, vars, launcher);
        }

        /** The same run, Ansible started through {@code programs}. */
        public Options launchedThrough(List<String> programs) {
            return new Options(check, diff, limit, forks, timeout, becomePasswordFile, playbook, varsFiles, programs);
        }
    }

    /** The folded events, how the run ended, and what Ansible said on stderr (its last lines). */
    public record Outcome(RunState state, RunStatus status, PlaybookProcess.Result process, String stderrTail) {}

    private AnsibleRun() {}

    public static List<String> command(Path ansiblePlaybook, Options options) {
        List<String> command = new ArrayList<>(List.of(ansiblePlaybook.toString(), options.playbook()));
        for (Path vars : options.varsFiles()) {
            command.add("-e");
            command.add("@" + vars);
        }
        if (options.check()) {
            command.add("--check");
        }
        if (options.diff()) {
            command.add("--diff");
        }
        if (options.limit() != null) {
            command.add("--limit");
            command.add(options.limit());
        }
        if (options.becomePasswordFile() != null) {
            command.add("--become-password-file");
            command.add(options.becomePasswordFile().toString());
        }
        if (options.forks() != null) {
            command.add("--forks");
            command.add(String.valueOf(options.forks()));
        }
        return command;
    }

    public static Map<String, String> environment(Path project) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANSIBLE_CONFIG", project.resolve("ansible.cfg").toString());
        env.put("ANSIBLE_STDOUT_CALLBACK", "syncopated_events");
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }

    public static Outcome run(Path ansiblePlaybook, Path project, Plan plan, Options options, Progress progress,
                              Path eventsLog, Path stdoutLog, Path stderrLog) throws IOException {
        RunState state = new RunState(plan);
        PlaybookProcess process = new PlaybookProcess(options.launcher(), command(ansiblePlaybook, options), project,
                environment(project), options.timeout(), PlaybookProcess.GRACE);
        PlaybookProcess.Result result;
        try (BufferedWriter events = Files.newBufferedWriter(eventsLog, StandardCharsets.UTF_8)) {
            result = process.run(line -> accept(line, events, state, progress), stdoutLog, stderrLog);
        } finally {
            progress.finish(state);
        }
        return new Outcome(state, state.status(result.interrupted()), result, tail(stderrLog, 15));
    }

    /**
     * Runs another Ansible command (ansible-pull) whose playbook writes its events into a named pipe
     * ({@code eventsPipe}) rather than on stdout, which then holds everything else it prints.
     */
    public static Outcome runPiped(List<String> command, Path directory, Map<String, String> environment, Plan plan,
                                   Duration timeout, Progress progress, Path eventsPipe, Path eventsLog, Path stdoutLog,
                                   Path stderrLog) throws IOException {
        RunState state = new RunState(plan);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(EventPipe.ENV, eventsPipe.toString());
        PlaybookProcess process = new PlaybookProcess(command, directory, env, timeout, PlaybookProcess.GRACE);
        PlaybookProcess.Result result;
        try (BufferedWriter events = Files.newBufferedWriter(eventsLog, StandardCharsets.UTF_8);
             EventPipe pipe = EventPipe.open(eventsPipe, line -> accept(line, events, state, progress))) {
            result = process.run(line -> { }, stdoutLog, stderrLog);
            pipe.finish(Duration.ofSeconds(30));
        } finally {
            progress.finish(state);
        }
        return new Outcome(state, state.status(result.interrupted()), result, tail(stdoutLog, 15));
    }

    /** One line of the event stream: kept in the record, folded into the state, shown. Other lines are ignored. */
    private static void accept(String line, BufferedWriter events, RunState state, Progress progress) {
        AnsibleEvent.parse(line).ifPresent(event -> {
            try {
                events.write(line);
                events.newLine();
                events.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            state.accept(event);
            progress.event(event, state);
        });
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())).strip();
    }
}
