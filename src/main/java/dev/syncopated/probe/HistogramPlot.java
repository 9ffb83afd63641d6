package dev.syncopated.probe;

import java.util.Locale;

/**
 * An SVG latency histogram, one panel per CPU: µs on x, samples on a log scale on y, bars past the
 * limit in red, the limits as dashed lines, samples beyond the histogram's range as a separate bar,
 * and a headline per CPU that says pass or fail. Pure: the same report gives the same bytes.
 */
public final class HistogramPlot {
    private static final int WIDTH = 960;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int OVERFLOW_SLOT = 64;
    private static final int PANEL = 262;
    private static final int PLOT = 170;
    private static final int HEADER = 56;
    private static final int MAX_BARS = 400;
    private static final String OK = "#2b7bb9";
    private static final String BAD = "#d62728";
    private static final String P999 = "#e08a00";

    private HistogramPlot() {}

    public static String svg(LatencyReport report) {
        CyclictestRun run = report.cyclictest().orElseThrow(() -> new IllegalArgumentException("no cyclictest run to plot"));
        Thresholds limits = report.thresholds();
        int height = HEADER + PANEL * run.threads().size() + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        String verdict = report.passed() ? "PASS" : "FAIL";
        svg.append(text(LEFT, 24, 17, "bold", report.passed() ? "#1a7f37" : BAD, "start",
                "Scheduling latency per CPU — " + verdict));
        svg.append(text(LEFT, 43, 12, "normal", "#444", "start", String.format(Locale.ROOT,
                "%s, %,d samples. Limit: max %d µs%s. Bars: samples per µs (log scale); red = at or past the limit.",
                run.format(), run.samples(), limits.maxLatencyUs(),
                limits.maxP999Us() == null ? "" : ", p99.9 " + limits.maxP999Us() + " µs")));
        // One x axis for every CPU, so that panels compare at a glance.
        int last = 0;
        for (ThreadLatency thread : run.threads()) {
            for (int us = 0; us < thread.histogram().length; us++) {
                if (thread.histogram()[us] > 0) {
                    last = Math.max(last, us);
                }
            }
        }
        double wanted = Math.max(last + 1, Math.max(limits.maxLatencyUs() * 1.15,
                limits.maxP999Us() == null ? 0 : limits.maxP999Us() * 1.15));
        long step = niceStep(wanted / 8);
        long xmax = Math.max(step, (long) Math.ceil(wanted / step) * step);
        int top = HEADER;
        for (ThreadLatency thread : run.threads()) {
            panel(svg, thread, limits, top, xmax, step);
            top += PANEL;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, ThreadLatency t, Thresholds limits, int top, long xmax, long step) {
        boolean maxBad = t.max() > limits.maxLatencyUs();
        boolean p999Bad = limits.maxP999Us() != null && t.p999().isPresent() && t.p999().getAsLong() > limits.maxP999Us();
        String headline = "CPU " + t.cpu() + ": " + (maxBad || p999Bad ? "FAIL" : "pass") + " — max " + t.max() + " µs"
                + (maxBad ? " > " + limits.maxLatencyUs() + " µs limit" : "");
        svg.append(text(LEFT, top + 18, 14, "bold", maxBad || p999Bad ? BAD : "#1a7f37", "start", headline));
        svg.append(text(LEFT, top + 34, 12, "normal", "#444", "start", String.format(Locale.ROOT,
                "%,d samples · min %d · avg %.1f · p99 %s · p99.9 %s · max %d µs%s", t.samples(), t.min(), t.avg(),
                t.p99().isPresent() ? Long.toString(t.p99().getAsLong()) : "?",
                t.p999().isPresent() ? Long.toString(t.p999().getAsLong()) : "?", t.max(),
                t.overflows() > 0 ? " · " + t.overflows() + " beyond " + t.histogram().length + " µs" : "")));
        int plotTop = top + 44;
        int plotBottom = plotTop + PLOT;
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT - OVERFLOW_SLOT;
        if (!t.hasHistogram()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\" stroke=\"#999\"/>%n",
                    x0, plotTop, x1 - x0, PLOT));
            svg.append(text((x0 + x1) / 2, plotTop + PLOT / 2, 13, "normal", "#444", "middle",
                    "no histogram in this output: run cyclictest with -h to see the distribution"));
            return;
        }
        long[] h = t.histogram();
        int binWidth = (int) Math.max(1, (xmax + MAX_BARS - 1) / MAX_BARS);
        int bins = (int) ((xmax + binWidth - 1) / binWidth);
        long[] binned = new long[bins];
        long biggest = Math.max(1, t.overflows());
        for (int us = 0; us < h.length && us < xmax; us++) {
            binned[us / binWidth] += h[us];
            biggest = Math.max(biggest, binned[us / binWidth]);
        }
        int decades = Math.max(1, (int) Math.ceil(Math.log10(biggest)));
        double logBottom = Math.log10(0.5);
        double logTop = decades;
        double pxPerUs = (double) (x1 - x0) / xmax;
        // axes, decade grid and labels
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fbfbfb\" stroke=\"#bbb\"/>%n",
                x0, plotTop, x1 - x0, PLOT));
        for (int d = 0; d <= decades; d++) {
            double y = y(Math.pow(10, d), logBottom, logTop, plotBottom);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", x0, y, x1, y));
            svg.append(text(x0 - 6, (int) Math.round(y) + 4, 11, "normal", "#444", "end", count((long) Math.pow(10, d))));
        }
        for (long tick = 0; tick <= xmax; tick += step) {
            double x = x0 + tick * pxPerUs;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>%n", x, plotBottom, x, plotBottom + 4));
            svg.append(text((int) Math.round(x), plotBottom + 16, 11, "normal", "#444", "middle", Long.toString(tick)));
        }
        svg.append(text((x0 + x1) / 2, plotBottom + 32, 11, "normal", "#444", "middle", "latency (µs)"));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" font-size=\"11\" fill=\"#444\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %d)\">samples (log)</text>%n", plotTop + PLOT / 2, plotTop + PLOT / 2));
        // bars
        for (int b = 0; b < bins; b++) {
            if (binned[b] == 0) {
                continue;
            }
            double x = x0 + (double) b * binWidth * pxPerUs;
            double w = Math.max(1.0, binWidth * pxPerUs - (binWidth * pxPerUs > 3 ? 0.6 : 0));
            double y = y(binned[b], logBottom, logTop, plotBottom);
            String colour = (long) b * binWidth >= limits.maxLatencyUs() ? BAD : OK;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                    x, y, w, plotBottom - y, colour));
        }
        // samples beyond the histogram (or beyond the plotted range)
        long beyond = t.overflows();
        for (int us = (int) Math.min(xmax, h.length); us < h.length; us++) {
            beyond += h[us];
        }
        int slot = x1 + 20;
        if (beyond > 0) {
            double y = y(beyond, logBottom, logTop, plotBottom);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>%n",
                    slot, y, OVERFLOW_SLOT - 28, plotBottom - y, t.max() >= limits.maxLatencyUs() ? BAD : OK));
            svg.append(text(slot + (OVERFLOW_SLOT - 28) / 2, (int) Math.round(y) - 4, 11, "bold", "#222", "middle", count(beyond)));
        }
        svg.append(text(slot + (OVERFLOW_SLOT - 28) / 2, plotBottom + 16, 11, "normal", "#444", "middle", "beyond"));
        svg.append(text(slot + (OVERFLOW_SLOT - 28) / 2, plotBottom + 29, 11, "normal", "#444", "middle",
                Math.min(xmax, h.length) + " µs"));
        // limits
        marker(svg, x0 + limits.maxLatencyUs() * pxPerUs, plotTop, plotBottom, BAD, "limit " + limits.maxLatencyUs() + " µs", x1);
        if (limits.maxP999Us() != null) {
            marker(svg, x0 + limits.maxP999Us() * pxPerUs, plotTop + 14, plotBottom, P999, "p99.9 limit " + limits.maxP999Us() + " µs", x1);
        }
        if (t.p999().isPresent() && t.p999().getAsLong() < xmax) {
            double x = x0 + (t.p999().getAsLong() + 0.5) * pxPerUs;
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d l-5 -8 h10 z\" fill=\"%s\"/>%n", x, plotBottom, P999));
            svg.append(text((int) Math.round(x), plotBottom - 11, 10, "normal", P999, "middle", "p99.9"));
        }
    }

    private static void marker(StringBuilder svg, double x, int labelTop, int bottom, String colour, String label, int right) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" "
                + "stroke-dasharray=\"6 4\"/>%n", x, labelTop - 2, x, bottom, colour));
        boolean leftOfLine = x > right - 120;
        svg.append(text((int) Math.round(x) + (leftOfLine ? -5 : 5), labelTop + 10, 11, "bold", colour,
                leftOfLine ? "end" : "start", label));
    }

    private static double y(double count, double logBottom, double logTop, int bottom) {
        return bottom - (Math.log10(count) - logBottom) / (logTop - logBottom) * PLOT;
    }

    static long niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
        for (int factor : new int[] {1, 2, 5, 10}) {
            if (factor * magnitude >= raw) {
                return Math.max(1, (long) (factor * magnitude));
            }
        }
        return (long) (10 * magnitude);
    }

    private static String count(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1000 && n % 1000 == 0) {
            return n / 1000 + "k";
        }
        return Long.toString(n);
    }

    private static String text(int x, int y, int size, String weight, String fill, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, weight, fill, anchor, escape(content));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
