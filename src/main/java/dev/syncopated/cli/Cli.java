package dev.syncopated.cli;

import dev.syncopated.report.DiagnosticPrinter;
import dev.syncopated.report.SpecReport;
import dev.syncopated.run.InvalidSpec;
import dev.syncopated.run.RunEnvironment;
import dev.syncopated.run.UserError;
import dev.syncopated.spec.LoadedSpec;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds the one {@link CommandLine} that both {@link Main} and the tests use: output writers,
 * exit codes, and how errors are shown (one line, a stack trace only with --verbose).
 */
public final class Cli {
    private Cli() {}

    public static CommandLine create(PrintWriter out, PrintWriter err) {
        return create(out, err, RunEnvironment.ofThisProcess(VersionProvider.version()), SyncopatedCommand.SUBCOMMANDS);
    }

    private static CommandLine create(PrintWriter out, PrintWriter err, RunEnvironment environment,
                                      List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new SyncopatedCommand(environment));
        subcommands.forEach(cli::addSubcommand);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Cli::usageError);
        cli.setExecutionExceptionHandler(Cli::failure);
        cli.setExecutionStrategy(parseResult -> {
            if (isVerbose(parseResult)) {
                Logging.copyToStderr();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli;
    }

    /**
     * Runs one command line. When it starts with a subcommand's name, only that subcommand's tree is
     * built: picocli reflects over every command class it is given, which for the whole tree was
     * most of a short command's start-up. Anything else (--help, --version, an unknown word,
     * completion, which prints the whole tree) gets the whole tree.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, RunEnvironment.ofThisProcess(VersionProvider.version()), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, in the given environment (a test's HOME, PATH, state directory). */
    public static int run(PrintWriter out, PrintWriter err, RunEnvironment environment, String... args) {
        return create(out, err, environment, args.length == 0 ? SyncopatedCommand.SUBCOMMANDS : onlyFor(args[0])).execute(args);
    }

    /** The environment the command line was made for; every command reads the world through it. */
    static RunEnvironment environment(CommandSpec spec) {
        return ((SyncopatedCommand) spec.root().userObject()).environment();
    }

    private static List<Class<?>> onlyFor(String first) {
        for (Class<?> command : SyncopatedCommand.SUBCOMMANDS) {
            if (command != CompletionCommand.class && command.getAnnotation(CommandLine.Command.class).name().equals(first)) {
                return List.of(command);
            }
        }
        return SyncopatedCommand.SUBCOMMANDS;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String suggestion = "";
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                suggestion = "did you mean '" + suggestions.get(0) + "'? ";
            }
        }
        String message = e.getMessage().replaceAll("\\s+", " ").strip();
        err.println("syncopated: error: " + lowerFirst(message) + " (" + suggestion
                + "see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = isVerbose(parseResult);
        if (e instanceof UserError user) {
            if (user instanceof InvalidSpec invalid) {
                LoadedSpec loaded = invalid.loaded();
                err.print(DiagnosticPrinter.text(List.of(new SpecReport(invalid.file().toString(),
                        loaded.diagnostics().sorted(), loaded.sources()))));
            }
            err.println("syncopated: error: " + user.getMessage() + (user.hint().isEmpty() ? "" : "; " + user.hint()));
            if (verbose && user.getCause() != null) {
                user.getCause().printStackTrace(err);
            }
            return ExitCode.of(user.kind());
        }
        // What Java says of it (its class and message) means nothing to a musician: it goes to the debug log,
        // and on the terminal only with --verbose.
        LoggerFactory.getLogger(Cli.class).error("internal error in '{}'", cmd.getCommandSpec().qualifiedName(), e);
        if (verbose) {
            err.println("syncopated: internal error: " + e);
            e.printStackTrace(err);
        } else {
            err.println("syncopated: internal error: " + cmd.getCommandSpec().qualifiedName() + " stopped on a problem it did not"
                    + " expect; run it again with --verbose for the details (also in " + LogConfigurator.logDir().resolve("syncopated.log")
                    + "), and report them");
        }
        return ExitCode.INTERNAL;
    }

    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null;
             level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
