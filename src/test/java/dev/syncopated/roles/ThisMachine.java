package dev.syncopated.roles;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This machine's state as {@code dev.syncopated.targets.HostSnapshot} records it (kernel tunables,
 * loaded modules, running services, files in the drop-in directories the roles write to, and, on a
 * machine without modules or systemd, an "unavailable: why" entry instead). HostSnapshot is
 * package-private in another package; it is reached reflectively so that both real-target test
 * classes compare exactly the same things.
 */
final class ThisMachine {
    private static final String CLASS = "dev.syncopated.targets.HostSnapshot";
    static final String[] PARTS = {"sysctl", "modules", "services", "ownedFiles"};

    private final Object snapshot;

    private ThisMachine(Object snapshot) {
        this.snapshot = snapshot;
    }

    static ThisMachine take() {
        try {
            Method take = Class.forName(CLASS).getDeclaredMethod("take");
            take.setAccessible(true);
            return new ThisMachine(take.invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot take a " + CLASS + ": " + e, e);
        }
    }

    /** What was compared, including what this machine cannot show ("unavailable: ..."). */
    String describe() {
        return (String) call("describe");
    }

    /** sysctl, modules, services, ownedFiles: each part of the snapshot. */
    Map<String, Object> parts() {
        Map<String, Object> parts = new LinkedHashMap<>();
        for (String p : PARTS) {
            parts.put(p, call(p));
        }
        return parts;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> sysctl() {
        return (Map<String, String>) call("sysctl");
    }

    private Object call(String name) {
        try {
            Method m = snapshot.getClass().getDeclaredMethod(name);
            m.setAccessible(true);
            return m.invoke(snapshot);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read " + CLASS + "." + name + "(): " + e, e);
        }
    }
}
