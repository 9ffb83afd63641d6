package dev.syncopated.testing;

import dev.syncopated.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI through the real picocli parser with captured output; no process, no System.exit. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
