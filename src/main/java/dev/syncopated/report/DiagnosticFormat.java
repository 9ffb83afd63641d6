package dev.syncopated.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The ways {@code validate} can print its findings: for people, for programs, for CI servers. */
public enum DiagnosticFormat {
    TEXT, JSON, GITHUB, JUNIT;

    public static final List<String> NAMES = Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
}
