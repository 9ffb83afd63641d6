package dev.syncopated.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.SystemReader;

/**
 * The node's own bare copy of the fleet repository. syncopated fetches into it with jgit (the only
 * place that talks to the remote, with the token if there is one); ansible-pull then clones from
 * this copy by a file:// URL, so no credential ever reaches its command line or its logs.
 */
public final class Mirror implements AutoCloseable {
    /** Keeps the golden commit reachable in the copy, even after the branch is force-pushed past it. */
    static final String GOLDEN_TAG = "refs/tags/syncopated-golden";

    private final Path dir;
    private final Git git;

    private Mirror(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A fetch that did not work, with what the remote said. */
    public static final class FetchException extends Exception {
        public FetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Mirror open(Path dir) throws IOException {
        try {
            if (Files.isRegularFile(dir.resolve("HEAD"))) {
                return new Mirror(dir, Git.open(dir.toFile()));
            }
            Files.createDirectories(dir);
            return new Mirror(dir, Git.init().setBare(true).setDirectory(dir.toFile()).call());
        } catch (GitAPIException e) {
            throw new IOException("cannot create the repository copy " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fetches {@code branch} of {@code url} and returns the commit it points at. {@code gitSsh}, when
     * set, is the program jgit runs for ssh URLs (the enrolled wrapper that pins known_hosts).
     */
    public String fetch(String url, String branch, Credentials credentials, Path gitSsh) throws FetchException {
        SystemReader previous = SystemReader.getInstance();
        if (gitSsh != null) {
            SystemReader.setInstance(new SystemReader.Delegate(previous) {
                @Override
                public String getenv(String variable) {
                    return "GIT_SSH".equals(variable) ? gitSsh.toString() : super.getenv(variable);
                }
            });
        }
        String ref = "refs/heads/" + branch;
        try {
            credentials.apply(git.fetch().setRemote(url).setRefSpecs(new RefSpec("+" + ref + ":" + ref))).call();
            ObjectId head = git.getRepository().resolve(ref);
            if (head == null) {
                throw new FetchException("the repository has no branch '" + branch + "'", null);
            }
            return head.getName();
        } catch (GitAPIException | IOException e) {
            throw new FetchException(Credentials.redact(String.valueOf(e.getMessage())), e);
        } finally {
            SystemReader.setInstance(previous);
        }
    }

    public void markGolden(String commit) throws IOException {
        RefUpdate update = git.getRepository().updateRef(GOLDEN_TAG);
        update.setNewObjectId(ObjectId.fromString(commit));
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE || result == RefUpdate.Result.REJECTED) {
            throw new IOException("cannot mark " + commit + " golden in " + dir + ": " + result);
        }
    }

    public Repository repository() {
        return git.getRepository();
    }

    /** How ansible-pull reaches this copy. */
    public String url() {
        return dir.toUri().toString();
    }

    @Override
    public void close() {
        git.close();
    }
}
