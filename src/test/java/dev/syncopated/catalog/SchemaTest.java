package dev.syncopated.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The generated schema is a real draft 2020-12 schema that accepts good specs and rejects typos, as editors will. */
class SchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaGenerator.generate(Catalog.bundled()));

    private static Set<ValidationMessage> check(String yaml) {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        return SCHEMA.validate(JSON.valueToTree(doc));
    }

    @Test
    void acceptsTheExampleSpecs() throws IOException {
        for (String file : new String[] {"examples/studio.yaml", "examples/common.yaml", "examples/fleet.yaml"}) {
            assertEquals(Set.of(), check(Files.readString(Path.of(file))), file);
        }
    }

    @Test
    void rejectsUnknownKeysRolesAndOptionsAndBadValues() {
        assertTrue(!check("hots: {}\n").isEmpty());
        assertTrue(!check("roles: { pipewrie: present }\n").isEmpty());
        assertTrue(!check("roles: { pipewire: { quantom: 128 } }\n").isEmpty());
        assertTrue(!check("roles: { pipewire: { quantum: 100 } }\n").isEmpty());
        assertTrue(!check("roles: { rtirq: presnt }\n").isEmpty());
        assertTrue(!check("hosts: { a: { connection: sshh } }\n").isEmpty());
    }

    @Test
    void declaresItsDialect() {
        JsonNode schema = SchemaGenerator.generate(Catalog.bundled());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    }
}
