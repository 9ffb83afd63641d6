package dev.syncopated.cli;

import dev.syncopated.env.Distro;
import dev.syncopated.env.Doctor;
import dev.syncopated.env.Tools;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Check this machine: Java, Ansible and the collections syncopated's connections use, and optional tools.",
            "Exit code 3 when something required is missing; each line says how to install it.",
        })
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Distro distro = Distro.ofThisMachine();
        List<Doctor.Finding> findings = Doctor.check(Tools.fromEnvironment(), distro);
        PrintWriter out = spec.commandLine().getOut();
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
        out.println(missing ? "something required is missing: install it with the command shown" : "ready (" + distro.label() + ")");
        out.flush();
        return missing ? ExitCode.ENVIRONMENT : ExitCode.OK;
    }
}
