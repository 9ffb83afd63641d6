package dev.syncopated.spec;

import java.time.Duration;
import java.util.List;

/**
 * The spec's {@code fleet:} section: the git repository nodes pull from, its branch, how often they
 * pull, the SSH host keys the repository's server is pinned to, and whether a pull waits while the
 * node plays audio.
 */
public record FleetSettings(Located<String> repo, Located<String> branch, Located<Duration> interval,
                            List<Located<String>> knownHosts, Located<Boolean> holdWhilePlaying, Position position) {
    public static final String DEFAULT_BRANCH = "main";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    public FleetSettings {
        knownHosts = List.copyOf(knownHosts);
    }

    public String branchName() {
        return branch == null ? DEFAULT_BRANCH : branch.value();
    }

    public Duration intervalOrDefault() {
        return interval == null ? DEFAULT_INTERVAL : interval.value();
    }

    /** A pull applies nothing while the node plays audio, unless the spec says {@code hold_while_playing: false}. */
    public boolean holdsWhilePlaying() {
        return holdWhilePlaying == null || holdWhilePlaying.value();
    }

    /** Later keys replace earlier ones, as everywhere in the spec. */
    FleetSettings overriddenBy(FleetSettings later) {
        return new FleetSettings(later.repo != null ? later.repo : repo, later.branch != null ? later.branch : branch,
                later.interval != null ? later.interval : interval,
                later.knownHosts.isEmpty() ? knownHosts : later.knownHosts,
                later.holdWhilePlaying != null ? later.holdWhilePlaying : holdWhilePlaying, later.position);
    }
}
