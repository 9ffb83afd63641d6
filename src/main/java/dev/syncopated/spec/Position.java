package dev.syncopated.spec;

/**
 * Where a value came from: a file and a 1-based line and column. Line 0 means "the whole file",
 * for problems such as a missing or empty file that have no better place.
 */
public record Position(String file, int line, int column) implements Comparable<Position> {

    public static Position ofFile(String file) {
        return new Position(file, 0, 0);
    }

    public boolean hasLine() {
        return line > 0;
    }

    @Override
    public int compareTo(Position other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return hasLine() ? file + ":" + line + ":" + column : file;
    }
}
