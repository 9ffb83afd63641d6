package dev.syncopated.fleet;

import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * How syncopated authenticates to the fleet repository: a token from the environment
 * ({@value #TOKEN_ENV}, or the file {@value #TOKEN_FILE_ENV} names), never from the spec, which is
 * committed. Every URL shown to people or written to a log goes through {@link #redact}.
 */
public final class Credentials {
    public static final String TOKEN_ENV = "SYNCOPATED_GIT_TOKEN";
    public static final String TOKEN_FILE_ENV = "SYNCOPATED_GIT_TOKEN_FILE";
    public static final String USER_ENV = "SYNCOPATED_GIT_USER";
    private static final Pattern USERINFO = Pattern.compile("^([a-z][a-z0-9+.-]*://)[^/@]*@");

    private final String user;
    private final String token;

    private Credentials(String user, String token) {
        this.user = user;
        this.token = token;
    }

    public static Credentials none() {
        return new Credentials(null, null);
    }

    /** A secret; its toString never shows it. */
    public record Token(String value) {
        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /** The token of {@code env}: the variable itself, else the content of the file it names; null when neither is set. */
    public static Token token(Map<String, String> env) throws java.io.IOException {
        String token = env.get(TOKEN_ENV);
        if ((token == null || token.isBlank()) && env.get(TOKEN_FILE_ENV) != null) {
            token = java.nio.file.Files.readString(java.nio.file.Path.of(env.get(TOKEN_FILE_ENV))).strip();
        }
        return token == null || token.isBlank() ? null : new Token(token.strip());
    }

    public static Credentials fromEnvironment(Map<String, String> env) throws java.io.IOException {
        Token token = token(env);
        if (token == null) {
            return none();
        }
        // Git hosts take a token as the password of any user; GitHub and GitLab document this name.
        return new Credentials(env.getOrDefault(USER_ENV, "x-access-token"), token.value());
    }

    /** Gives {@code command} the token, when there is one. */
    public <C extends TransportCommand<C, ?>> C apply(C command) {
        if (token != null) {
            command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, token));
        }
        return command;
    }

    /** The URL without any user or password in it: {@code https://***@host/path}. */
    public static String redact(String url) {
        return url == null ? "" : USERINFO.matcher(url).replaceFirst("$1***@");
    }
}
