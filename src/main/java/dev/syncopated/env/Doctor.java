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

    /**
     * One check. {@code fix} is the command that mends it, for people to read; {@code installs} the distro
     * package that does, for {@code doctor --install} (empty when no package does).
     */
    public record Finding(String name, Status status, String detail, String fix, String installs) {}

    private record Tool(String command, boolean required, String why) {}

    private static final List<Tool> TOOLS = List.of(
            new Tool("ansible-playbook", true, "runs the rendered project"),
            new Tool("ansible-inventory", true, "reads rendered inventories"),
            new Tool("ansible-galaxy", true, "lists the installed collections"),
            new Tool("setsid", true, "starts Ansible in a process group of its own, so that Ctrl-C stops all of it"),
            new Tool("ansible-lint", false, "lints roles and rendered projects"),
            new Tool("ssh", false, "reaches hosts with connection: ssh"),
            new Tool("git", false, "checks out fleet commits on nodes (ansible-pull)"),
            new Tool("cyclictest", false, "syncopated probe latency"),
            new Tool("jack_iodelay", false, "syncopated probe latency --iodelay"));

    /** Collections whose plugins the rendered inventories name. */
    private static final List<String[]> COLLECTIONS = List.of(
            new String[] {"community.general", "the chroot connection"},
            new String[] {"community.docker", "the container connection"},
            new String[] {"ansible.posix", "the jsonl event callback"});

    private static final String PYTHON_APT = "/usr/lib/python3/dist-packages/apt/__init__.py";

    private Doctor() {}

    /** Every check, in order; {@code root} says whether the fixes need sudo. */
    public static List<Finding> check(Tools tools, Distro distro, boolean root) {
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("java", Status.OK, System.getProperty("java.version") + ", " + System.getProperty("java.vm.name"),
                "", ""));
        for (Tool tool : TOOLS) {
            Optional<java.nio.file.Path> found = tools.find(tool.command());
            String pkg = Packages.of(tool.command(), distro);
            if (found.isEmpty()) {
                findings.add(new Finding(tool.command(), tool.required() ? Status.MISSING : Status.OPTIONAL_MISSING,
                        "not found on PATH; " + tool.why(), distro.installCommand(pkg, root), pkg));
                continue;
            }
            // ssh has no --version; setsid's is util-linux's, which says nothing useful here.
            String version = tool.command().equals("setsid") ? "" : ": " + tools.firstLine(
                    List.of(found.get().toString(), tool.command().equals("ssh") ? "-V" : "--version")).orElse("version unknown");
            findings.add(new Finding(tool.command(), Status.OK, found.get() + version, "", ""));
        }
        if (distro == Distro.DEBIAN) {
            // This machine is a target too (connection: local); Ansible's apt module needs python3-apt there,
            // and in check mode cannot install it itself.
            boolean present = java.nio.file.Files.isRegularFile(java.nio.file.Path.of(PYTHON_APT));
            findings.add(present ? new Finding("python3-apt", Status.OK, "installed; the apt module on this machine", "", "")
                    : new Finding("python3-apt", Status.MISSING, "not installed; the apt module needs it on this machine as a target",
                            distro.installCommand("python3-apt", root), "python3-apt"));
        }
        if (tools.find("ansible-galaxy").isPresent()) {
            String installed = tools.output(List.of("ansible-galaxy", "collection", "list")).orElse("");
            for (String[] collection : COLLECTIONS) {
                boolean present = installed.lines().anyMatch(l -> l.strip().startsWith(collection[0] + " "));
                // The distro's ansible package carries the collections (ansible-core alone does not); Galaxy
                // is the way when the distro's is too old or the machine reaches galaxy.ansible.com.
                String pkg = Packages.of("ansible-playbook", distro);
                findings.add(present
                        ? new Finding(collection[0], Status.OK, "collection installed; " + collection[1], "", "")
                        : new Finding(collection[0], Status.MISSING, "collection not installed; needed for " + collection[1],
                                distro.installCommand(pkg, root) + ", or ansible-galaxy collection install " + collection[0], pkg));
            }
        }
        return findings;
    }
}
