package dev.syncopated.env;

import java.util.Map;

/** The distro package that provides each external program syncopated runs, for the install hint of a missing one. */
public final class Packages {
    private Packages() {}

    /** Per program: the package on Debian/Ubuntu, Arch and Fedora, where the names differ. */
    private record Names(String debian, String arch, String fedora) {
        static Names same(String name) {
            return new Names(name, name, name);
        }
    }

    private static final Map<String, Names> BY_PROGRAM = Map.ofEntries(
            Map.entry("ansible-playbook", Names.same("ansible")),
            Map.entry("ansible-pull", Names.same("ansible")),
            Map.entry("ansible-inventory", Names.same("ansible")),
            Map.entry("ansible-galaxy", Names.same("ansible")),
            Map.entry("ansible-lint", Names.same("ansible-lint")),
            Map.entry("setsid", Names.same("util-linux")),
            Map.entry("nice", Names.same("coreutils")),
            Map.entry("ionice", Names.same("util-linux")),
            Map.entry("chrt", new Names("util-linux", "util-linux", "util-linux-core")),
            Map.entry("taskset", new Names("util-linux", "util-linux", "util-linux-core")),
            Map.entry("ssh", new Names("openssh-client", "openssh", "openssh-clients")),
            Map.entry("git", Names.same("git")),
            Map.entry("sudo", Names.same("sudo")),
            Map.entry("qemu-system-x86_64", new Names("qemu-system-x86", "qemu-system-x86", "qemu-system-x86-core")),
            Map.entry("qemu-img", new Names("qemu-utils", "qemu-img", "qemu-img")),
            Map.entry("debootstrap", Names.same("debootstrap")),
            Map.entry("cyclictest", Names.same("rt-tests")),
            Map.entry("jack_iodelay", new Names("jackd2", "jack-example-tools", "jack-audio-connection-kit-example-clients")),
            Map.entry("jack_connect", new Names("jackd2", "jack-example-tools", "jack-audio-connection-kit-example-clients")));

    /** The package that installs {@code program} on {@code distro}; the program's own name when none is known. */
    public static String of(String program, Distro distro) {
        Names names = BY_PROGRAM.get(program);
        if (names == null) {
            return program;
        }
        return switch (distro) {
            case ARCH -> names.arch();
            case FEDORA -> names.fedora();
            case DEBIAN, UNKNOWN -> names.debian();
        };
    }
}
