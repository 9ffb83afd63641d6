package dev.syncopated.cli;

import dev.syncopated.env.Distro;
import dev.syncopated.env.Doctor;
import dev.syncopated.env.PackageInstall;
import dev.syncopated.run.RunEnvironment;
import dev.syncopated.run.UserError;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.zeroturnaround.exec.stream.LogOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Check this machine: Java, Ansible and the collections syncopated's connections use, and optional tools.",
            "With --install, install what is required and missing with the distro's package manager (apt-get, pacman or dnf;",
            "through sudo unless run as root), saying what it installs first. Exit code 3 when something required is",
            "still missing; each line says how to install it.",
        })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--install", description = "Install the required packages that are missing, then check again.")
    boolean install;

    @Override
    public Integer call() throws InterruptedException {
        RunEnvironment env = Cli.environment(spec);
        Distro distro = Distro.ofThisMachine();
        PrintWriter out = spec.commandLine().getOut();
        List<Doctor.Finding> findings = Doctor.check(env.tools(), distro, env.root());
        if (install) {
            List<String> packages = findings.stream().filter(f -> f.status() == Doctor.Status.MISSING && !f.installs().isEmpty())
                    .map(Doctor.Finding::installs).distinct().toList();
            if (!packages.isEmpty()) {
                installPackages(env, distro, packages, findings);
                findings = Doctor.check(env.tools(), distro, env.root());
            }
        }
        int width = findings.stream().mapToInt(f -> f.name().length()).max().orElse(0);
        for (Doctor.Finding f : findings) {
            String mark = switch (f.status()) {
                case OK -> "ok  ";
                case MISSING -> "FAIL";
                case OPTIONAL_MISSING -> "warn";
            };
            out.printf("%s  %-" + width + "s  %s%s%n", mark, f.name(), f.detail(), f.fix().isEmpty() ? "" : " (fix: " + f.fix() + ")");
        }
        boolean missing = findings.stream().anyMatch(f -> f.status() == Doctor.Status.MISSING);
        out.println(missing ? "something required is missing: install it with the command shown"
                + (install ? "" : ", or run 'syncopated doctor --install'") : "ready (" + distro.label() + ")");
        out.flush();
        return missing ? ExitCode.ENVIRONMENT : ExitCode.OK;
    }

    /** Says what it installs and why, then runs the package manager with its output on stderr. */
    private void installPackages(RunEnvironment env, Distro distro, List<String> packages, List<Doctor.Finding> findings)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        List<List<String>> commands;
        try {
            commands = PackageInstall.commands(distro, packages, env.root(), env.tools());
        } catch (PackageInstall.Failed e) {
            throw UserError.environment(e.getMessage(), "install " + String.join(" ", packages) + " yourself");
        }
        List<String> needs = findings.stream().filter(f -> f.status() == Doctor.Status.MISSING).map(Doctor.Finding::name).toList();
        err.println("doctor: installing " + String.join(" ", packages) + " (for " + String.join(", ", needs) + ") with: "
                + String.join(" && ", commands.stream().map(c -> String.join(" ", c)).toList()));
        err.flush();
        OutputStream stderr = new LogOutputStream() {
            @Override
            protected void processLine(String line) {
                err.println(line);
                err.flush();
            }
        };
        try {
            PackageInstall.run(commands, stderr);
        } catch (PackageInstall.Failed e) {
            throw UserError.environment("installing " + String.join(" ", packages) + " failed: " + e.getMessage(),
                    "see the package manager's messages above");
        }
    }
}
