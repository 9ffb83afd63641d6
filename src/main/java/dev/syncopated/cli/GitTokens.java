package dev.syncopated.cli;

import dev.syncopated.fleet.Credentials;
import java.io.IOException;

/** The fleet repository's token from the environment, for the commands that talk to it; a bad token file is one error line. */
final class GitTokens {
    private GitTokens() {}

    static Credentials credentials() {
        try {
            return Credentials.fromEnvironment(System.getenv());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The token itself (for enroll to keep on the nodes), or null when none is set. */
    static Credentials.Token token() {
        try {
            return Credentials.token(System.getenv());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static UserError unreadable(IOException e) {
        return new UserError(ExitCode.ENVIRONMENT, "cannot read the token file " + System.getenv(Credentials.TOKEN_FILE_ENV)
                + ": " + e.getMessage(), "check " + Credentials.TOKEN_FILE_ENV + ", or set " + Credentials.TOKEN_ENV + " instead", e);
    }
}
