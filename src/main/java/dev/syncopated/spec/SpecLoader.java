package dev.syncopated.spec;

import dev.syncopated.spec.yaml.YNode;
import dev.syncopated.spec.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads a spec file and its includes into one {@link Spec}. Includes are resolved relative to the
 * file that names them and merged first, so the including file wins; cycles are errors.
 */
public final class SpecLoader {
    private final Diagnostics diagnostics = new Diagnostics();
    private final Sources sources = new Sources();
    private final Deque<String> including = new ArrayDeque<>();
    private final List<String> filesRead = new ArrayList<>();

    private SpecLoader() {}

    /** Loads {@code file}; its name in diagnostics is the path as given. */
    public static LoadedSpec load(Path file) {
        SpecLoader loader = new SpecLoader();
        Optional<SpecPart> part = loader.loadFile(file, Position.ofFile(file.toString()), "");
        Optional<Spec> spec = part.map(p -> new Spec(p.name(), p.roles(), p.groups(), p.hosts(),
                List.copyOf(loader.filesRead), p.fleet()));
        return new LoadedSpec(spec, loader.diagnostics, loader.sources);
    }

    private Optional<SpecPart> loadFile(Path file, Position requestedAt, String requestPath) {
        String name = file.toString();
        if (including.contains(name)) {
            List<String> chain = new ArrayList<>(including);
            java.util.Collections.reverse(chain);
            chain.add(name);
            diagnostics.error(requestedAt, requestPath, "include cycle: " + String.join(" -> ", chain),
                    "remove the include of '" + name + "' from one of these files");
            return Optional.empty();
        }
        Optional<String> text = readText(file, requestedAt, requestPath);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        sources.add(name, text.get());
        Optional<YNode> root = YamlReader.read(name, text.get(), diagnostics);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        SpecPart own = new SpecBinder(diagnostics).bind(root.get());
        including.push(name);
        SpecPart merged = SpecPart.empty();
        for (Located<String> include : own.includes()) {
            Path target = resolve(file, include.value());
            Optional<SpecPart> included = loadFile(target, include.position(), include.path());
            if (included.isPresent()) {
                merged = merged.overriddenBy(included.get());
            }
        }
        including.pop();
        filesRead.add(name);
        return Optional.of(merged.overriddenBy(own));
    }

    private static Path resolve(Path includingFile, String include) {
        Path parent = includingFile.getParent();
        Path target = Path.of(include);
        return (parent == null || target.isAbsolute() ? target : parent.resolve(target)).normalize();
    }

    private Optional<String> readText(Path file, Position at, String path) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) > YamlReader.MAX_CODE_POINTS * 4L) {
                diagnostics.error(at, path, "'" + file + "' is larger than a spec can be (" + Files.size(file)
                        + " bytes)", "split it with include");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (NoSuchFileException e) {
            diagnostics.error(at, path, "cannot read '" + file + "': no such file", path.isEmpty()
                    ? "check the path (it is relative to the current directory)"
                    : "check the path; includes are relative to the including file");
        } catch (AccessDeniedException e) {
            diagnostics.error(at, path, "cannot read '" + file + "': permission denied", "make the file readable by this user");
        } catch (CharacterCodingException e) {
            diagnostics.error(at, path, "'" + file + "' is not UTF-8 text", "save the spec as UTF-8");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            diagnostics.error(at, path, "cannot read '" + file + "': " + reason, "name a spec file");
        }
        return Optional.empty();
    }
}
