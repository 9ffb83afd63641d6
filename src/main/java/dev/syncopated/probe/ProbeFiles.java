package dev.syncopated.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Recognises a saved probe output by its content and reads it. */
public final class ProbeFiles {
    public static final String ACCEPTED = "cyclictest --json=FILE, cyclictest -h/-H histogram output, "
            + "cyclictest -q summary (T: lines), a captured cyclictest screen, or a jack_iodelay log";
    private static final Pattern T_LINE_START = Pattern.compile("(?m)^(?:\u001B\\[[0-9;]*[A-Za-z])*T:\\s*\\d+\\s+\\(");

    private ProbeFiles() {}

    /** What a saved file holds: a cyclictest run or a jack_iodelay log. */
    public sealed interface Content permits Cyclictest, Iodelay {}

    public record Cyclictest(CyclictestRun run) implements Content {}

    public record Iodelay(IodelayLog log) implements Content {}

    public static Content read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProbeInputException(file + ": no such file");
        } catch (IOException e) {
            throw new ProbeInputException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (ProbeInputException e) {
            throw new ProbeInputException(file + ": " + e.getMessage());
        }
    }

    public static Content parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new ProbeInputException("the file is empty; expected " + ACCEPTED);
        }
        if (trimmed.startsWith("{")) {
            return new Cyclictest(CyclictestParser.parseJson(text));
        }
        if (text.contains("total roundtrip latency") || text.contains(IodelayLog.BELOW)
                || text.startsWith("new capture latency:") || text.startsWith("new playback latency:")) {
            return new Iodelay(IodelayLog.parse(text));
        }
        if (text.contains("# Histogram\n") || text.contains("# Histogram\r\n")) {
            return new Cyclictest(CyclictestParser.parseHistogram(text));
        }
        if (T_LINE_START.matcher(text).find()) {
            return new Cyclictest(CyclictestParser.parseSummary(text));
        }
        throw new ProbeInputException("not a recognised probe output; expected " + ACCEPTED);
    }
}
