package dev.syncopated.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process runs as root, from the kernel's own account of it rather than a user name that can lie. */
public final class Privilege {
    private Privilege() {}

    /** The effective user id is 0 (the second field of the Uid line of /proc/self/status). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException e) {
            // no /proc: fall through to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
