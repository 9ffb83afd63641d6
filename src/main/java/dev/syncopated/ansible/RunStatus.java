package dev.syncopated.ansible;

import java.util.Locale;

/** How a run ended, decided from its events rather than from Ansible's overloaded exit code. */
public enum RunStatus {
    OK, CHANGED, FAILED, UNREACHABLE, INTERRUPTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
