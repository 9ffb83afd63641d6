package dev.syncopated.spec;

/** Parsing of YAML core-schema numbers as written (decimal, 0x, 0o, signs). */
public final class Values {
    private Values() {}

    /** The integer a YAML int scalar denotes, or null when it does not fit a long. */
    public static Long parseLong(String text) {
        String t = text.replace("_", "");
        int sign = 1;
        if (t.startsWith("-") || t.startsWith("+")) {
            sign = t.startsWith("-") ? -1 : 1;
            t = t.substring(1);
        }
        try {
            if (t.startsWith("0x")) {
                return sign * Long.parseLong(t.substring(2), 16);
            }
            if (t.startsWith("0o")) {
                return sign * Long.parseLong(t.substring(2), 8);
            }
            return sign * Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
