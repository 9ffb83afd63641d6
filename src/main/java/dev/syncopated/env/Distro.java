package dev.syncopated.env;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Linux distribution family of this machine, from /etc/os-release, and how to install packages on it. */
public enum Distro {
    ARCH("pacman -S --needed"),
    DEBIAN("apt-get install"),
    FEDORA("dnf install"),
    UNKNOWN("your package manager's install command for");

    private final String install;

    Distro(String install) {
        this.install = install;
    }

    /** The distro named by the text of an os-release file: ID first, then each ID_LIKE entry. */
    public static Distro fromOsRelease(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replace("\"", "").replace("'", ""));
            }
        }
        List<String> ids = new java.util.ArrayList<>();
        ids.add(fields.getOrDefault("ID", ""));
        ids.addAll(Arrays.asList(fields.getOrDefault("ID_LIKE", "").split("\\s+")));
        for (String id : ids) {
            switch (id.toLowerCase(Locale.ROOT)) {
                case "arch", "manjaro", "endeavouros", "cachyos" -> {
                    return ARCH;
                }
                case "debian", "ubuntu", "linuxmint", "pop" -> {
                    return DEBIAN;
                }
                case "fedora", "rhel", "centos" -> {
                    return FEDORA;
                }
                default -> { }
            }
        }
        return UNKNOWN;
    }

    /** This machine's distro; unknown when /etc/os-release cannot be read. */
    public static Distro ofThisMachine() {
        try {
            return fromOsRelease(java.nio.file.Files.readString(java.nio.file.Path.of("/etc/os-release")));
        } catch (java.io.IOException e) {
            return UNKNOWN;
        }
    }

    /** The command that installs {@code packages}, to show in an error: with sudo unless the user is root already. */
    public String installCommand(String packages, boolean root) {
        String sudo = this == UNKNOWN || root ? "" : "sudo ";
        return sudo + install + " " + packages;
    }

    /**
     * The commands that install {@code packages} without asking (the package lists refreshed first where the
     * package manager needs that on a fresh machine), as argument arrays; empty when the distro is unknown.
     */
    public List<List<String>> installArgv(List<String> packages) {
        List<List<String>> commands = new java.util.ArrayList<>();
        switch (this) {
            case DEBIAN -> {
                commands.add(List.of("apt-get", "update", "-q"));
                // Use-Pty=0: plain lines instead of a progress bar redrawn a hundred times.
                commands.add(concat(List.of("apt-get", "install", "-y", "-q", "-o", "Dpkg::Use-Pty=0"), packages));
            }
            case ARCH -> commands.add(concat(List.of("pacman", "-Sy", "--needed", "--noconfirm"), packages));
            case FEDORA -> commands.add(concat(List.of("dnf", "install", "-y"), packages));
            case UNKNOWN -> { }
        }
        return commands;
    }

    private static List<String> concat(List<String> head, List<String> tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(tail);
        return List.copyOf(all);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
