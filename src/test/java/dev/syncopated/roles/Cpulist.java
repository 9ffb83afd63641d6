package dev.syncopated.roles;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Kernel cpulists ("1", "2-3", "0,4-7"): parse, complement within the CPUs 0..n-1, format compactly. */
final class Cpulist {
    private Cpulist() {}

    static SortedSet<Integer> parse(String list) {
        SortedSet<Integer> cpus = new TreeSet<>();
        for (String part : list.strip().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] ab = part.strip().split("-");
            int a = Integer.parseInt(ab[0].strip());
            int b = Integer.parseInt(ab[ab.length - 1].strip());
            for (int c = a; c <= b; c++) {
                cpus.add(c);
            }
        }
        return cpus;
    }

    /** The CPUs 0..max(n, highest listed + 1)-1 that are not in {@code cpus}, as the cpu_isolation role counts them. */
    static SortedSet<Integer> complement(SortedSet<Integer> cpus, int n) {
        int total = Math.max(n, cpus.isEmpty() ? 0 : cpus.last() + 1);
        SortedSet<Integer> rest = new TreeSet<>();
        for (int c = 0; c < total; c++) {
            if (!cpus.contains(c)) {
                rest.add(c);
            }
        }
        return rest;
    }

    static String format(SortedSet<Integer> cpus) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        int prev = -1;
        for (int c : cpus) {
            if (start < 0) {
                start = c;
            } else if (c != prev + 1) {
                parts.add(start == prev ? "" + start : start + "-" + prev);
                start = c;
            }
            prev = c;
        }
        if (start >= 0) {
            parts.add(start == prev ? "" + start : start + "-" + prev);
        }
        return String.join(",", parts);
    }
}
