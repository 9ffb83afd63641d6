package dev.syncopated.run;

import dev.syncopated.env.Tools;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.spec.Connection;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * What this machine must allow before Ansible starts, checked here because Ansible's own report of
 * it is a module that "failed to execute" with the real cause dropped: only root can chroot, and a
 * role run as root on this machine by a user needs sudo that does not ask (or -K).
 */
final class Privileges {
    private Privileges() {}

    /**
     * @param root             whether syncopated runs as root
     * @param askingPassword   whether the user asked to give the sudo password (-K)
     * @param sudoWorksUnasked whether {@code sudo -n true} succeeds; asked only when it matters
     */
    static void check(Plan plan, boolean root, boolean askingPassword, Tools tools, BooleanSupplier sudoWorksUnasked) {
        if (root) {
            return;
        }
        for (HostPlan host : plan.hosts()) {
            if (host.connection() == Connection.CHROOT) {
                throw UserError.environment("host '" + host.name() + "' is a root file system (connection chroot), and only root"
                        + " can chroot into " + host.address(), "run syncopated as root: sudo bin/syncopated ...");
            }
        }
        List<String> local = plan.hosts().stream().filter(h -> h.connection() == Connection.LOCAL && h.become())
                .map(HostPlan::name).toList();
        if (local.isEmpty() || askingPassword) {
            return;
        }
        if (tools.find("sudo").isEmpty()) {
            throw UserError.environment("host '" + local.get(0) + "' runs its roles as root on this machine (become), and sudo"
                    + " is not installed", "run syncopated as root, or install sudo");
        }
        if (!sudoWorksUnasked.getAsBoolean()) {
            throw UserError.environment("host '" + local.get(0) + "' runs its roles as root on this machine (become), and sudo"
                    + " asks for a password", "add -K (--ask-become-pass) to be asked for it once, or run syncopated as root");
        }
    }

    /** sudo -n true: whether sudo lets this user become root without asking (a cached or NOPASSWD rule). */
    static boolean sudoWorksUnasked(Tools tools) {
        try {
            return new ProcessExecutor().command(tools.find("sudo").orElseThrow().toString(), "-n", "true")
                    .readOutput(true).exitValueAny().timeout(10, TimeUnit.SECONDS).destroyOnExit().execute().getExitValue() == 0;
        } catch (IOException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
