package dev.syncopated.run;

import dev.syncopated.fleet.Credentials;
import java.io.IOException;
import java.util.Map;

/** The fleet repository's token from the environment, for everything that talks to it; a bad token file is one error line. */
public final class GitTokens {
    private GitTokens() {}

    public static Credentials credentials(Map<String, String> variables) {
        try {
            return Credentials.fromEnvironment(variables);
        } catch (IOException e) {
            throw unreadable(variables, e);
        }
    }

    /** The token itself (for enroll to keep on the nodes), or null when none is set. */
    public static Credentials.Token token(Map<String, String> variables) {
        try {
            return Credentials.token(variables);
        } catch (IOException e) {
            throw unreadable(variables, e);
        }
    }

    private static UserError unreadable(Map<String, String> variables, IOException e) {
        return UserError.environment("cannot read the token file " + variables.get(Credentials.TOKEN_FILE_ENV) + ": "
                + e.getMessage(), "check " + Credentials.TOKEN_FILE_ENV + ", or set " + Credentials.TOKEN_ENV + " instead", e);
    }
}
