package dev.syncopated.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The layout of a published fleet repository, and reading files of one commit without a checkout:
 * a node validates the spec of a commit before anything of it is applied.
 */
public final class FleetRepo {
    /** The spec files as published, their relative layout kept so includes still resolve. */
    public static final String SPEC_DIR = "spec";
    /** The routed plan at this commit ({@code syncopated plan --format json}). */
    public static final String PLAN = "plan.json";
    /** Which file under spec/ is the root spec, and which syncopated published it. */
    public static final String MANIFEST = "syncopated.json";

    private FleetRepo() {}

    /** The text of {@code path} at {@code commit}, if the commit has such a file. */
    public static Optional<String> readFile(Repository repo, ObjectId commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tree = TreeWalk.forPath(repo, path, c.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                ObjectLoader loader = repo.open(tree.getObjectId(0));
                return Optional.of(new String(loader.getBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Writes every file under {@code dir} at {@code commit} into {@code target}, keeping their relative paths. */
    public static void extract(Repository repo, ObjectId commit, String dir, Path target) throws IOException {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            tree.setFilter(PathFilter.create(dir));
            while (tree.next()) {
                Path out = target.resolve(tree.getPathString()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("refusing a path outside the tree: " + tree.getPathString());
                }
                Files.createDirectories(out.getParent());
                Files.write(out, repo.open(tree.getObjectId(0)).getBytes());
            }
        }
    }
}
