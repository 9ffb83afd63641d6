package dev.syncopated.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a spec asks of a role on a host. */
public enum State {
    PRESENT, ABSENT, INFO;

    public static final List<String> NAMES = Arrays.stream(values()).map(State::label).toList();

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<State> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.label().equals(text)).findFirst();
    }
}
