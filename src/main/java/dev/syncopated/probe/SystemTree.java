package dev.syncopated.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The files a readiness check reads: the running system ({@code /}) or a captured tree of
 * {@code /proc}, {@code /sys}, {@code /boot} and {@code /etc} under another directory. Nothing here
 * writes; what cannot be read is simply absent.
 */
public final class SystemTree {
    private final Path root;
    private final boolean live;

    private SystemTree(Path root, boolean live) {
        this.root = root;
        this.live = live;
    }

    public static SystemTree live() {
        return new SystemTree(Path.of("/"), true);
    }

    public static SystemTree capturedAt(Path root) {
        return new SystemTree(root, false);
    }

    /** True for the running system: access checks ask the kernel instead of reading file modes. */
    public boolean isLive() {
        return live;
    }

    public Path path(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }

    public String describe(String absolute) {
        return live ? absolute : root.resolve(absolute.substring(1)).toString();
    }

    public Optional<String> read(String absolute) {
        Path file = path(absolute);
        try (InputStream in = absolute.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The first line, stripped; empty when the file is missing or unreadable. */
    public Optional<String> line(String absolute) {
        return read(absolute).map(s -> s.lines().findFirst().orElse("").strip());
    }

    public boolean exists(String absolute) {
        return Files.exists(path(absolute));
    }

    /** Names in a directory, sorted; empty when it is missing. */
    public List<String> list(String absolute) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path(absolute))) {
            for (Path entry : dir) {
                names.add(entry.getFileName().toString());
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        names.sort(SystemTree::natural);
        return names;
    }

    /** Numbers in numeric order (cpu2 before cpu10), everything else alphabetically. */
    static int natural(String a, String b) {
        String da = a.replaceAll("\\D", "");
        String db = b.replaceAll("\\D", "");
        String pa = a.replaceAll("\\d", "");
        String pb = b.replaceAll("\\d", "");
        if (pa.equals(pb) && !da.isEmpty() && !db.isEmpty() && da.length() < 10 && db.length() < 10) {
            return Integer.compare(Integer.parseInt(da), Integer.parseInt(db));
        }
        return a.compareTo(b);
    }
}
