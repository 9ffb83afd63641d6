package dev.syncopated.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet node for the real-target tier: a fresh {@link DebianRoot} with {@code /proc} bind-mounted
 * (Java and Ansible need it; {@code /proc/sys} stays read-only, so nothing run inside can change this
 * machine's kernel settings), in which the node's own {@code syncopated pull} runs under chroot.
 * Specs reach it from outside with the chroot connection; it is offline, as every chroot target is.
 */
public final class NodeRoot implements AutoCloseable {
    private final DebianRoot root;
    private final List<Path> mounts;

    private NodeRoot(DebianRoot root, List<Path> mounts) {
        this.root = root;
        this.mounts = mounts;
    }

    public static NodeRoot start(String label) {
        DebianRoot root = DebianRoot.fresh("node-" + label);
        List<Path> mounts = new ArrayList<>();
        try {
            SshTarget.bindPrivate(Path.of("/proc"), root.file("/proc"), mounts);
            SshTarget.bindPrivate(root.file("/proc/sys"), root.file("/proc/sys"), mounts);
            SshTarget.run(List.of("mount", "-o", "remount,bind,ro", root.file("/proc/sys").toString()));
            return new NodeRoot(root, mounts);
        } catch (RuntimeException | Error e) {
            SshTarget.cleanUp(root, mounts);
            throw e;
        }
    }

    public Path path() {
        return root.path();
    }

    /** A path inside the node ("/etc/sysctl.d/x.conf"). */
    public Path file(String nodePath) {
        return root.file(nodePath);
    }

    /** {@code command} run inside the node as root, with a clean environment as a systemd service has. */
    public List<String> chrooted(List<String> command) {
        List<String> all = new ArrayList<>(List.of("env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME=/root", "LANG=C.UTF-8", "chroot", root.path().toString()));
        all.addAll(command);
        return all;
    }

    @Override
    public void close() {
        SshTarget.cleanUp(root, mounts);
    }
}
