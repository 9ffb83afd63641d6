package dev.syncopated.fleet;

import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;

/** Where the fleet branch points, read with ls-remote, or why that could not be read. */
public record FleetHead(String commit, String error) {

    public static FleetHead unknown(String why) {
        return new FleetHead(null, why);
    }

    public static FleetHead read(String url, String branch, Credentials credentials) {
        try {
            Map<String, Ref> refs = credentials.apply(Git.lsRemoteRepository().setRemote(url).setHeads(true)).callAsMap();
            Ref ref = refs.get("refs/heads/" + branch);
            return ref == null ? unknown("the repository has no branch '" + branch + "'") : new FleetHead(ref.getObjectId().getName(), null);
        } catch (GitAPIException | RuntimeException e) {
            return unknown("cannot read " + Credentials.redact(url) + ": " + Credentials.redact(String.valueOf(e.getMessage())));
        }
    }
}
