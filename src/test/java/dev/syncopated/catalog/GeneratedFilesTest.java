package dev.syncopated.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.syncopated.testing.Golden;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Files derived from the catalog and kept in the repository (docs/roles.md, the schema for editors,
 * the repository's playbooks/site.yml, each role's meta/argument_specs.yml, the preflight's vars) must be current. -Dsyncopated.regenerate=true rewrites them.
 */
class GeneratedFilesTest {
    private static final Catalog CATALOG = Catalog.bundled();

    @Test
    void rolesDocIsCurrent() throws IOException {
        Golden.assertMatches(Path.of("docs/roles.md"), RoleDocs.markdown(CATALOG));
    }

    @Test
    void schemaForEditorsIsCurrent() throws IOException {
        String schema = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(SchemaGenerator.generate(CATALOG)) + "\n";
        Golden.assertMatches(Path.of("docs/spec.schema.json"), schema);
    }

    @Test
    void repositoryPlaybookIsCurrent() throws IOException {
        Golden.assertMatches(Path.of("playbooks/site.yml"), dev.syncopated.render.RepositoryPlaybook.yaml(CATALOG));
    }

    @Test
    void preflightKnowsWhichRolesNeedSystemd() throws IOException {
        Golden.assertMatches(Path.of(PreflightVars.PATH), PreflightVars.yaml(CATALOG));
    }

    @Test
    void argumentSpecsMatchTheCatalog() throws IOException {
        for (RoleDef role : CATALOG.roles()) {
            Golden.assertMatches(Path.of("roles", role.name(), "meta", "argument_specs.yml"), ArgumentSpecs.yaml(role));
        }
    }
}
