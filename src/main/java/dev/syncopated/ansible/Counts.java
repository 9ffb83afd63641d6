package dev.syncopated.ansible;

/** Task results of one host, or of one role on one host. */
public final class Counts {
    int ok;
    int changed;
    int failed;
    int skipped;
    int unreachable;

    public int ok() {
        return ok;
    }

    public int changed() {
        return changed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    public int unreachable() {
        return unreachable;
    }

    public int done() {
        return ok + failed + skipped + unreachable;
    }
}
