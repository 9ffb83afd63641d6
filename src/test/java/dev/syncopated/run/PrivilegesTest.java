package dev.syncopated.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.syncopated.env.Tools;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.spec.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What this machine must allow before Ansible starts, decided without running Ansible. */
class PrivilegesTest {
    @TempDir
    Path dir;

    private static Plan plan(Connection connection, boolean become) {
        return new Plan("t", List.of(new HostPlan("h", "/srv/h", connection, null, null, become, null, false, List.of(), List.of())));
    }

    private Tools withSudo() throws IOException {
        Path sudo = Files.createDirectories(dir.resolve("bin")).resolve("sudo");
        Files.writeString(sudo, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Tools(dir.resolve("bin").toString());
    }

    @Test
    void onlyRootCanChroot() {
        UserError e = assertThrows(UserError.class, () -> Privileges.check(plan(Connection.CHROOT, true), false, true,
                new Tools(""), () -> true));
        assertEquals(UserError.Kind.ENVIRONMENT, e.kind());
        assertEquals("host 'h' is a root file system (connection chroot), and only root can chroot into /srv/h", e.getMessage());
    }

    @Test
    void becomingRootHereNeedsSudoThatDoesNotAskOrMinusK() throws IOException {
        Tools tools = withSudo();
        UserError asks = assertThrows(UserError.class, () -> Privileges.check(plan(Connection.LOCAL, true), false, false,
                tools, () -> false));
        assertEquals("host 'h' runs its roles as root on this machine (become), and sudo asks for a password", asks.getMessage());
        assertEquals("add -K (--ask-become-pass) to be asked for it once, or run syncopated as root", asks.hint());

        UserError none = assertThrows(UserError.class, () -> Privileges.check(plan(Connection.LOCAL, true), false, false,
                new Tools(""), () -> true));
        assertEquals("host 'h' runs its roles as root on this machine (become), and sudo is not installed", none.getMessage());

        Privileges.check(plan(Connection.LOCAL, true), false, false, tools, () -> true); // NOPASSWD or a cached ticket
        Privileges.check(plan(Connection.LOCAL, true), false, true, tools, () -> fail("-K given: sudo is not asked"));
        Privileges.check(plan(Connection.LOCAL, false), false, false, new Tools(""), () -> fail("no become: no sudo"));
    }

    @Test
    void rootNeedsNothing() {
        Privileges.check(plan(Connection.CHROOT, true), true, false, new Tools(""), () -> fail("root is never asked"));
        Privileges.check(plan(Connection.LOCAL, true), true, false, new Tools(""), () -> fail("root is never asked"));
    }
}
