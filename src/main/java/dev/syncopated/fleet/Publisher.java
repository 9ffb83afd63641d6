package dev.syncopated.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Puts a rendered fleet project into a git working tree and commits it: the project (ansible.cfg,
 * inventory, playbooks, roles, plugins), the spec files under {@code spec/}, {@code plan.json} and
 * {@code syncopated.json}. Only those top-level names belong to syncopated; anything else in the
 * tree (a CI file, a README) is left as it is. The render is deterministic, so an unchanged spec
 * stages no change and makes no commit.
 */
public final class Publisher {
    /** The top-level names a publish owns in the working tree. */
    static final Set<String> OWNED = Set.of("ansible.cfg", "inventory", "playbooks", "roles", "plugins",
            FleetRepo.SPEC_DIR, FleetRepo.PLAN, FleetRepo.MANIFEST, ".syncopated-render");
    private static final PersonIdent DEFAULT_AUTHOR = new PersonIdent("syncopated", "syncopated@localhost");

    /**
     * @param commit the new commit, or empty when nothing changed
     * @param head what the branch points at afterwards
     * @param pushed where the branch was pushed, or empty
     */
    public record Result(Optional<String> commit, String message, String head, String branch, Optional<Pushed> pushed) {}

    /** The remote's URL (without credentials), and whether the push moved its branch (false: it had the commit). */
    public record Pushed(String url, boolean moved) {}

    /** Refused: a working tree syncopated cannot publish into, with what to do about it. */
    public static final class PublishException extends Exception {
        private final String hint;

        public PublishException(String message, String hint, Throwable cause) {
            super(message, cause);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private Publisher() {}

    /**
     * Replaces what syncopated owns in {@code workTree} with {@code staged} (a finished render) and
     * commits it when anything changed. The working tree is created (git init) when it does not exist.
     */
    public static Result publish(Path workTree, Path staged, String specName, String wantedBranch, Credentials credentials,
                                 boolean push) throws PublishException, IOException {
        try (Git git = openOrInit(workTree, wantedBranch)) {
            Repository repo = git.getRepository();
            String branch = onBranch(repo, wantedBranch);
            Optional<PublishedPlan> before = previousPlan(repo);
            Set<String> owned = replaceOwned(workTree, staged);
            // Stage only what syncopated owns: other files in the tree are the user's to commit.
            var add = git.add();
            var update = git.add().setUpdate(true);
            owned.forEach(name -> {
                add.addFilepattern(name);
                update.addFilepattern(name);
            });
            add.call();
            update.call();
            PublishedPlan after = PublishedPlan.parse(Files.readString(staged.resolve(FleetRepo.PLAN), StandardCharsets.UTF_8));
            String message = PlanDiff.message(specName, before, after);
            Optional<String> commit = Optional.empty();
            var status = git.status().call();
            if (!status.getAdded().isEmpty() || !status.getChanged().isEmpty() || !status.getRemoved().isEmpty()) {
                PersonIdent author = author(repo);
                RevCommit made = git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
                commit = Optional.of(made.getName());
            }
            ObjectId head = repo.resolve("HEAD");
            Optional<Pushed> pushed = Optional.empty();
            if (push) {
                pushed = Optional.of(push(git, branch, credentials));
            }
            return new Result(commit, message, head == null ? "" : head.getName(), branch, pushed);
        } catch (GitAPIException e) {
            throw new PublishException("git: " + e.getMessage(), "check the repository at " + workTree, e);
        }
    }

    /**
     * The branch to commit on: the spec's fleet branch. A new repository (no commit yet) is put on it;
     * one with commits on another branch is refused rather than published where nodes do not look.
     */
    static String onBranch(Repository repo, String wanted) throws IOException, PublishException {
        String current = repo.getBranch();
        if (wanted == null || wanted.equals(current)) {
            return current;
        }
        if (repo.resolve("HEAD") == null) {
            RefUpdate head = repo.updateRef("HEAD");
            head.link("refs/heads/" + wanted);
            return wanted;
        }
        throw new PublishException("the working tree is on branch '" + current + "', but the spec's fleet branch is '" + wanted + "'",
                "switch to it first: git -C " + repo.getWorkTree() + " switch " + wanted + " (or -c to create it)", null);
    }

    private static Git openOrInit(Path workTree, String branch) throws PublishException, IOException, GitAPIException {
        if (Files.isDirectory(workTree.resolve(".git"))) {
            return Git.open(workTree.toFile());
        }
        if (Files.exists(workTree)) {
            try (Stream<Path> entries = Files.list(workTree)) {
                if (entries.findAny().isPresent()) {
                    throw new PublishException("'" + workTree + "' is not a git working tree and not empty",
                            "give a clone of the fleet repository, or a new directory", null);
                }
            }
        }
        return Git.init().setDirectory(workTree.toFile()).setInitialBranch(branch == null ? "main" : branch).call();
    }

    private static Optional<PublishedPlan> previousPlan(Repository repo) throws IOException {
        ObjectId head = repo.resolve("HEAD");
        if (head == null) {
            return Optional.empty();
        }
        return FleetRepo.readFile(repo, head, FleetRepo.PLAN).flatMap(PublishedPlan::tryParse);
    }

    /** Returns the top-level names replaced. */
    private static Set<String> replaceOwned(Path workTree, Path staged) throws IOException {
        Set<String> names = new TreeSet<>(OWNED);
        try (Stream<Path> top = Files.list(staged)) {
            top.forEach(p -> names.add(p.getFileName().toString()));
        }
        for (String name : names) {
            deleteTree(workTree.resolve(name));
        }
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(staged)) {
            sources = walk.sorted().toList();
        }
        for (Path source : sources) {
            Path dest = workTree.resolve(staged.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(dest);
            } else {
                Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return names;
    }

    static Pushed push(Git git, String branch, Credentials credentials) throws PublishException, GitAPIException {
        String remote = "origin";
        if (!git.getRepository().getRemoteNames().contains(remote)) {
            throw new PublishException("--push: the repository has no remote 'origin'",
                    "add it: git -C " + git.getRepository().getWorkTree() + " remote add origin URL", null);
        }
        Iterable<PushResult> results = credentials.apply(git.push().setRemote(remote).add(branch)).call();
        boolean upToDate = true;
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                upToDate &= update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE;
                if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new PublishException("push of " + branch + " to " + Credentials.redact(result.getURI().toString())
                            + " was refused: " + update.getStatus() + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"),
                            "pull the remote's changes into " + git.getRepository().getWorkTree() + " first, then publish again", null);
                }
            }
        }
        return new Pushed(Credentials.redact(git.getRepository().getConfig().getString("remote", remote, "url")), !upToDate);
    }

    static PersonIdent author(Repository repo) {
        String name = repo.getConfig().getString("user", null, "name");
        String email = repo.getConfig().getString("user", null, "email");
        return name != null && email != null ? new PersonIdent(name, email) : new PersonIdent(DEFAULT_AUTHOR);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
