package dev.syncopated.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How Ansible reaches a host. For chroot the address is a root directory, for container a name. */
public enum Connection {
    SSH, LOCAL, CHROOT, CONTAINER;

    public static final List<String> NAMES = Arrays.stream(values()).map(Connection::label).toList();

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Connection> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.label().equals(text)).findFirst();
    }
}
