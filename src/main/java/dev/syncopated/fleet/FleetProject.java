package dev.syncopated.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.RoleLibrary;
import dev.syncopated.plan.Plan;
import dev.syncopated.render.ProjectRenderer;
import dev.syncopated.render.ProjectWriter;
import dev.syncopated.report.PlanPrinter;
import dev.syncopated.spec.LoadedSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a publish commits, staged in a directory: the rendered project, the spec files as read
 * (under spec/, relative to the directory they share), the plan, and the manifest naming the root spec.
 */
public final class FleetProject {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FleetProject() {}

    /** Stages into {@code dir}, which must not exist. Returns the root spec's path inside the repository. */
    public static String stage(LoadedSpec loaded, Plan plan, Catalog catalog, String version, Path dir) throws IOException {
        ProjectWriter.write(ProjectRenderer.render(plan, catalog.names(), ProjectRenderer.Settings.forFleetCommit(version)),
                RoleLibrary.bundled(), dir);
        List<String> files = loaded.spec().orElseThrow().files();
        Path base = commonDirectory(files);
        for (Map.Entry<String, String> file : loaded.sources().all().entrySet()) {
            Path out = dir.resolve(FleetRepo.SPEC_DIR).resolve(base.relativize(absolute(file.getKey())).toString());
            Files.createDirectories(out.getParent());
            Files.writeString(out, file.getValue(), StandardCharsets.UTF_8);
        }
        String root = FleetRepo.SPEC_DIR + "/" + base.relativize(absolute(files.get(files.size() - 1)));
        Files.writeString(dir.resolve(FleetRepo.PLAN), PlanPrinter.json(plan), StandardCharsets.UTF_8);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("spec", root);
        manifest.put("name", plan.name());
        manifest.put("published_by", "syncopated");
        // Read by a pull before it validates the commit, to know whether live audio holds it.
        var fleet = loaded.spec().orElseThrow().fleet();
        manifest.put("hold_while_playing", fleet == null || fleet.holdsWhilePlaying());
        Files.writeString(dir.resolve(FleetRepo.MANIFEST), JSON.writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
        return root;
    }

    /** The root spec's path inside the repository, from the manifest of a commit. */
    public static String rootSpec(String manifestJson) throws IOException {
        String spec = JSON.readTree(manifestJson).path("spec").asText("");
        if (spec.isEmpty() || !spec.startsWith(FleetRepo.SPEC_DIR + "/") || spec.contains("..")) {
            throw new IOException(FleetRepo.MANIFEST + " names no spec under " + FleetRepo.SPEC_DIR + "/");
        }
        return spec;
    }

    /** Whether a commit's spec holds pulls while the node plays audio (its manifest says; true when it does not). */
    public static boolean holdsWhilePlaying(String manifestJson) {
        try {
            return JSON.readTree(manifestJson).path("hold_while_playing").asBoolean(true);
        } catch (IOException e) {
            return true;
        }
    }

    private static Path absolute(String file) {
        return Path.of(file).toAbsolutePath().normalize();
    }

    private static Path commonDirectory(List<String> files) {
        List<Path> dirs = new ArrayList<>();
        files.forEach(f -> dirs.add(absolute(f).getParent()));
        Path common = dirs.get(0);
        for (Path d : dirs) {
            while (!d.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
