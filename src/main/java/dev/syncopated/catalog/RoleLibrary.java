package dev.syncopated.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The role set and playbooks that ship inside the jar (or in the build's classes directory when
 * run from tests), read as ordinary paths so they can be listed and copied.
 */
public final class RoleLibrary {
    private static final String ROOT = "/syncopated";

    private final Path root;

    private RoleLibrary(Path root) {
        this.root = root;
    }

    public static RoleLibrary at(Path root) {
        return new RoleLibrary(root);
    }

    /** The library bundled with this build of syncopated. */
    public static RoleLibrary bundled() {
        URL url = RoleLibrary.class.getResource(ROOT + "/roles");
        if (url == null) {
            throw new IllegalStateException("this build of syncopated carries no roles: rebuild it with 'mvn package'");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar = jarFileSystem(uri);
                return new RoleLibrary(jar.getPath(ROOT));
            }
            return new RoleLibrary(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the bundled roles: " + url, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the syncopated jar", e);
        }
    }

    public Path rolesDir() {
        return root.resolve("roles");
    }

    /** The repository's playbooks: site.yml (which a render replaces with its own) and those commands play. */
    public Path playbooksDir() {
        return root.resolve("playbooks");
    }

    /** Ansible plugins every rendered project carries: the event callback syncopated reads runs through. */
    public Path pluginsDir() {
        return root.resolve("plugins");
    }

    /** Directories under roles/, sorted by name; private helper roles included. */
    public List<Path> roleDirs() {
        try (Stream<Path> dirs = Files.list(rolesDir())) {
            List<Path> result = new ArrayList<>(dirs.filter(Files::isDirectory).toList());
            result.sort((a, b) -> name(a).compareTo(name(b)));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundled roles", e);
        }
    }

    /** A path's last name without the trailing slash some zip file systems keep on directories. */
    public static String name(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
