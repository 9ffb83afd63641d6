package dev.syncopated.cli;

import dev.syncopated.catalog.Catalog;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;

/** The only place that calls System.exit. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        startWarmUp();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = Cli.run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Reads the role catalog and sets up logging on a second core while picocli builds the command
     * line: each is a tenth of a short command's start-up, and apply starts Ansible only after both.
     * A command that needs neither never waits for this thread; one that does waits for it (the
     * catalog is read under a lock) instead of doing the work again. A failure here is left for the
     * command to meet and report.
     */
    private static void startWarmUp() {
        Thread warmUp = new Thread(() -> {
            try {
                Catalog.bundled();
                LoggerFactory.getILoggerFactory();
            } catch (RuntimeException ignored) {
                // the command reads the catalog again and reports what is wrong
            }
        }, "syncopated-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
