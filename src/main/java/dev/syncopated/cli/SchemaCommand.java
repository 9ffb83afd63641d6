package dev.syncopated.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.SchemaGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {
            "Print the JSON Schema (draft 2020-12) of the spec language.",
            "Editors with yaml-language-server use it to complete and check specs: see docs/spec.md.",
        })
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(SchemaGenerator.generate(Catalog.bundled()));
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
