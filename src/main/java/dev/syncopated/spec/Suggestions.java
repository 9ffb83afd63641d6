package dev.syncopated.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" from the list of known names, by edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /** The closest known name, if it is close enough to be a likely typo of {@code typed}. */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        // A known name that begins with what was typed ("usb" for usb_audio) is the likeliest meaning.
        Optional<String> completion = wanted.length() < 3 ? Optional.empty() : known.stream()
                .filter(k -> k.toLowerCase(Locale.ROOT).startsWith(wanted))
                .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        if (completion.isPresent()) {
            return completion;
        }
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(wanted, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(best -> {
                    int d = distance(wanted, best.toLowerCase(Locale.ROOT));
                    return d <= Math.max(2, best.length() / 3) || wanted.startsWith(best.toLowerCase(Locale.ROOT));
                });
    }

    /** A hint that names the likely typo, then every valid choice. */
    public static String hint(String typed, Collection<String> known, String what) {
        String all = String.join(", ", known);
        return closest(typed, known)
                .map(best -> "did you mean '" + best + "'? " + what + ": " + all)
                .orElse(known.isEmpty() ? "none are allowed here" : what + ": " + all);
    }

    /** Damerau-Levenshtein (optimal string alignment) distance: a swapped pair counts as one typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
