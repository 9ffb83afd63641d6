package dev.syncopated.cli;

import dev.syncopated.run.UserError;
import java.io.Console;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * The sudo password for Ansible's become, asked once on the terminal and handed to Ansible as a file
 * only its owner can read, removed when the run ends. It never appears in arguments, the environment,
 * the run record or a log. Ansible runs without a terminal of its own (it runs in its own session), so
 * it could not ask by itself.
 */
final class BecomePassword implements AutoCloseable {
    private final Path file;

    private BecomePassword(Path file) {
        this.file = file;
    }

    static BecomePassword none() {
        return new BecomePassword(null);
    }

    static BecomePassword ask() {
        Console console = System.console();
        if (console == null) {
            throw UserError.usage("--ask-become-pass needs a terminal to ask on",
                    "run it from a terminal, or configure passwordless sudo for the target user");
        }
        char[] password = console.readPassword("sudo password for the targets: ");
        if (password == null) {
            throw UserError.usage("no password given", "type the sudo password, or leave out --ask-become-pass");
        }
        try {
            Path file = Files.createTempFile("syncopated-become-", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write(password);
            }
            return new BecomePassword(file);
        } catch (IOException e) {
            throw UserError.environment("cannot hand the password to Ansible: " + e.getMessage(),
                    "check that the temporary directory is writable", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
