package dev.syncopated.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that this machine can run what syncopated drives: Ansible and the collections its
 * connections need (required), and the tools of later steps (optional), each with the fix.
 */
public final class Doctor {

    public enum Status { OK, MISSING, OPTIONAL_MISSING }

    public record Finding(String name, Status status, String detail, String fix) {}

    private record Tool(String name, String command, String packages, boolean required, String why) {}

    private static final List<Tool> TOOLS = List.of(
            new Tool("ansible-playbook", "ansible-playbook", "ansible", true, "runs the rendered project"),
            new Tool("ansible-inventory", "ansible-inventory", "ansible", true, "reads rendered inventories"),
            new Tool("ansible-galaxy", "ansible-galaxy", "ansible", true, "lists the installed collections"),
            new Tool("ansible-lint", "ansible-lint", "ansible-lint", false, "lints roles and rendered projects"),
            new Tool("ssh", "ssh", "openssh-client", false, "reaches hosts with connection: ssh"),
            new Tool("cyclictest", "cyclictest", "rt-tests", false, "syncopated probe latency"),
            new Tool("jack_iodelay", "jack_iodelay", "jackd2", false, "syncopated probe latency --iodelay"));

    /** Collections whose plugins the rendered inventories name. */
    private static final List<String[]> COLLECTIONS = List.of(
            new String[] {"community.general", "the chroot connection"},
            new String[] {"community.docker", "the container connection"},
            new String[] {"ansible.posix", "the jsonl event callback"});

    private Doctor() {}

    public static List<Finding> check(Tools tools, Distro distro) {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("java", Status.OK, System.getProperty("java.version") + ", " + System.getProperty("java.vm.name"), ""));
        for (Tool tool : TOOLS) {
            Optional<java.nio.file.Path> found = tools.find(tool.command());
            if (found.isEmpty()) {
                findings.add(new Finding(tool.name(), tool.required() ? Status.MISSING : Status.OPTIONAL_MISSING,
                        "not found on PATH; " + tool.why(), distro.installCommand(packageName(tool, distro))));
                continue;
            }
            String version = tools.firstLine(List.of(found.get().toString(), "--version")).orElse("version unknown");
            findings.add(new Finding(tool.name(), Status.OK, found.get() + ": " + version, ""));
        }
        if (tools.find("ansible-galaxy").isPresent()) {
            String installed = tools.output(List.of("ansible-galaxy", "collection", "list")).orElse("");
            for (String[] collection : COLLECTIONS) {
                boolean present = installed.lines().anyMatch(l -> l.strip().startsWith(collection[0] + " "));
                findings.add(present
                        ? new Finding(collection[0], Status.OK, "collection installed; " + collection[1], "")
                        : new Finding(collection[0], Status.MISSING, "collection not installed; needed for " + collection[1],
                                "ansible-galaxy collection install " + collection[0]));
            }
        }
        return findings;
    }

    private static String packageName(Tool tool, Distro distro) {
        if (distro == Distro.ARCH && tool.packages().equals("jackd2")) {
            return "jack-example-tools";
        }
        if (distro == Distro.ARCH && tool.packages().equals("openssh-client")) {
            return "openssh";
        }
        if (distro == Distro.FEDORA && tool.packages().equals("openssh-client")) {
            return "openssh-clients";
        }
        if (distro == Distro.FEDORA && tool.packages().equals("jackd2")) {
            return "jack-audio-connection-kit-example-clients";
        }
        return tool.packages();
    }
}
