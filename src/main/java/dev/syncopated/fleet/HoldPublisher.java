package dev.syncopated.fleet;

import dev.syncopated.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@code syncopated fleet hold}: sets or ends hosts' show holds in {@code holds.json} of a working tree
 * of the fleet repository and commits only that file, on the fleet branch, so every pull reads it at
 * the head it fetches. Holds already over are dropped from the file as it is written.
 */
public final class HoldPublisher {
    private HoldPublisher() {}

    /** @param until the end of the hold, or null to release the hosts' holds */
    public static Publisher.Result publish(Path workTree, String wantedBranch, List<String> hosts, Instant until, Instant now,
                                           Credentials credentials, boolean push) throws Publisher.PublishException, IOException {
        if (!Files.isDirectory(workTree.resolve(".git"))) {
            throw new Publisher.PublishException("'" + workTree + "' is not a git working tree",
                    "give the working tree of the fleet repository that 'syncopated publish --repo' commits to", null);
        }
        try (Git git = Git.open(workTree.toFile())) {
            String branch = Publisher.onBranch(git.getRepository(), wantedBranch);
            Map<String, Instant> holds = Holds.readRepoFile(workTree);
            for (String host : hosts) {
                if (until == null) {
                    holds.remove(host);
                } else {
                    holds.put(host, until);
                }
            }
            AtomicFiles.write(workTree.resolve(Holds.REPO_FILE), Holds.repoJson(holds, now));
            git.add().addFilepattern(Holds.REPO_FILE).call();
            String message = (until == null ? "release the show hold of " + String.join(", ", hosts)
                    : "show hold: " + String.join(", ", hosts) + " until " + until)
                    + "\n\nPulls apply nothing to a held host until its hold ends (syncopated fleet hold).\n";
            Optional<String> commit = Optional.empty();
            var status = git.status().addPath(Holds.REPO_FILE).call();
            if (!status.getAdded().isEmpty() || !status.getChanged().isEmpty()) {
                PersonIdent author = Publisher.author(git.getRepository());
                var commitCommand = git.commit().setMessage(message).setAuthor(author).setCommitter(author);
                if (git.getRepository().resolve("HEAD") != null) {
                    commitCommand.setOnly(Holds.REPO_FILE); // the user's own staged changes stay out of it
                }
                RevCommit made = commitCommand.call();
                commit = Optional.of(made.getName());
            }
            ObjectId head = git.getRepository().resolve("HEAD");
            Optional<Publisher.Pushed> pushed = push ? Optional.of(Publisher.push(git, branch, credentials)) : Optional.empty();
            return new Publisher.Result(commit, message, head == null ? "" : head.getName(), branch, pushed);
        } catch (GitAPIException e) {
            throw new Publisher.PublishException("git: " + e.getMessage(), "check the repository at " + workTree, e);
        }
    }
}
