package dev.syncopated.env;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * Installs distro packages with the machine's own package manager, non-interactively, through sudo when
 * not root. Commands are argument arrays; the package manager's output goes where the caller says.
 */
public final class PackageInstall {
    /** Why an install did not happen or did not finish, in a sentence; the command that failed is in it. */
    public static final class Failed extends Exception {
        public Failed(String message) {
            super(message);
        }
    }

    private PackageInstall() {}

    /** The commands that would run, as they would be shown. */
    public static List<List<String>> commands(Distro distro, List<String> packages, boolean root, Tools tools) throws Failed {
        if (distro == Distro.UNKNOWN) {
            throw new Failed("cannot tell this machine's package manager (no Debian, Ubuntu, Arch or Fedora in /etc/os-release)");
        }
        List<String> prefix = List.of();
        if (!root) {
            Optional<java.nio.file.Path> sudo = tools.find("sudo");
            if (sudo.isEmpty()) {
                throw new Failed("installing packages needs root, and sudo is not installed: run it as root");
            }
            prefix = List.of(sudo.get().toString());
        }
        List<List<String>> commands = new ArrayList<>();
        for (List<String> command : distro.installArgv(packages)) {
            List<String> full = new ArrayList<>(prefix);
            full.addAll(command);
            commands.add(List.copyOf(full));
        }
        return commands;
    }

    /** Runs each command in turn, stopping at the first that fails; at most 30 minutes for all of them. */
    public static void run(List<List<String>> commands, OutputStream output) throws Failed, InterruptedException {
        for (List<String> command : commands) {
            int code;
            try {
                code = new ProcessExecutor().command(command)
                        .environment(Map.of("DEBIAN_FRONTEND", "noninteractive"))
                        .redirectOutput(output).redirectError(output).exitValueAny()
                        .timeout(30, TimeUnit.MINUTES).destroyOnExit().execute().getExitValue();
            } catch (IOException e) {
                throw new Failed("cannot run " + String.join(" ", command) + ": " + e.getMessage());
            } catch (TimeoutException e) {
                throw new Failed(String.join(" ", command) + " took longer than 30 minutes and was stopped");
            }
            if (code != 0) {
                throw new Failed(String.join(" ", command) + " exited " + code);
            }
        }
    }
}
