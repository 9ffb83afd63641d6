package dev.syncopated.run;

import dev.syncopated.ansible.StateDir;
import dev.syncopated.env.Distro;
import dev.syncopated.env.Packages;
import dev.syncopated.env.Privilege;
import dev.syncopated.env.Tools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a run reads from the world around it, passed in rather than read from globals, so that a front
 * end (the command line, the HTTP service, a test with its own HOME) decides it once.
 *
 * @param stateDir  where run records, the role library, baselines and the fact cache live
 * @param tools     the programs on PATH
 * @param clock     the time runs are named and aged by; its zone is the one times are shown and read in (hold --until 02:00)
 * @param version   this build of syncopated, written into every record and rendered project
 * @param variables the process environment (tokens are read from it, never logged)
 * @param workingDir the directory relative paths were given from
 * @param root      whether the process runs as root (then nothing needs sudo)
 */
public record RunEnvironment(Path stateDir, Tools tools, Clock clock, String version, Map<String, String> variables,
                             Path workingDir, boolean root) {

    public RunEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The environment of a process with these variables and this home directory. */
    public static RunEnvironment of(Map<String, String> variables, Path home, Path workingDir, Clock clock, String version,
                                    boolean root) {
        return new RunEnvironment(StateDir.resolve(variables, home.toString()), new Tools(variables.get("PATH")), clock,
                version, variables, workingDir, root);
    }

    /** This JVM's own environment. */
    public static RunEnvironment ofThisProcess(String version) {
        return of(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("").toAbsolutePath(),
                Clock.systemDefaultZone(), version, Privilege.isRoot());
    }

    /** The same environment with another state directory (pull keeps its own under /var/lib). */
    public RunEnvironment withStateDir(Path other) {
        return new RunEnvironment(other, tools, clock, version, variables, workingDir, root);
    }

    /** A program that must be on PATH; missing, it is an environment error that says how to install it here. */
    public Path requireTool(String tool) {
        return tools.find(tool).orElseThrow(() -> missingTool(tool));
    }

    /** The error for a program that is not on PATH, with the command that installs it on this distro. */
    public UserError missingTool(String tool) {
        Distro distro = Distro.ofThisMachine();
        return UserError.environment(tool + " is not installed (not on PATH)",
                "install it: " + distro.installCommand(Packages.of(tool, distro), root));
    }

    /** The command that installs {@code packages} on this machine, with sudo only when it is needed. */
    public String installCommand(String packages) {
        return Distro.ofThisMachine().installCommand(packages, root);
    }
}
