package dev.syncopated.ansible;

import java.nio.file.Path;
import java.util.Map;

/** syncopated's state directory: $XDG_STATE_HOME/syncopated, else ~/.local/state/syncopated. */
public final class StateDir {
    private StateDir() {}

    public static Path resolve(Map<String, String> env, String home) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(home, ".local", "state");
        return base.resolve("syncopated");
    }

    public static Path fromEnvironment() {
        return resolve(System.getenv(), System.getProperty("user.home"));
    }
}
