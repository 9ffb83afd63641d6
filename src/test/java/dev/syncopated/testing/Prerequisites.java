package dev.syncopated.testing;

import dev.syncopated.env.Tools;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need external tools (Ansible, root) skip with a reason on a developer laptop and fail
 * instead when CI=true, so CI can never pass by skipping.
 */
public final class Prerequisites {
    private Prerequisites() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void requireTool(String tool) {
        require(Tools.fromEnvironment().find(tool).isPresent(), tool + " is not installed (apt-get install ansible)");
    }

    public static void require(boolean condition, String reason) {
        if (condition) {
            return;
        }
        if (inCi()) {
            throw new AssertionError("prerequisite missing in CI: " + reason);
        }
        Assumptions.abort("skipped: " + reason);
    }
}
