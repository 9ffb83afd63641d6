package dev.syncopated.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A role's meta/argument_specs.yml, generated from its catalog entry, so Ansible checks the same
 * types and choices the spec validator does, also when the role runs without syncopated.
 */
public final class ArgumentSpecs {
    private ArgumentSpecs() {}

    public static String yaml(RoleDef role) {
        Map<String, Object> options = new LinkedHashMap<>();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", "str");
        state.put("choices", List.of("present", "absent", "info"));
        state.put("default", "present");
        state.put("description", "present installs and configures, absent removes what present made, info only reports.");
        options.put(role.name() + "_state", state);
        for (OptionDef option : role.options().values()) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("type", option.type().ansibleType());
            if (option.type() == OptionType.LIST) {
                spec.put("elements", option.elements().ansibleType());
            }
            if (!option.choices().isEmpty()) {
                spec.put("choices", option.choices());
            }
            if (option.defaultValue() != null) {
                spec.put("default", option.defaultValue());
            }
            spec.put("description", option.description());
            options.put(role.name() + "_" + option.name(), spec);
        }
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("short_description", role.description());
        main.put("options", options);
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setExplicitStart(true)
                .setIndent(2).setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(120).build();
        return "# Generated from catalog.yml by syncopated; a test fails when it drifts from the catalog.\n"
                + new Dump(settings).dumpToString(Map.of("argument_specs", Map.of("main", main)));
    }
}
