package dev.syncopated.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of the spec language, generated from the catalog, so editors
 * running yaml-language-server complete and check specs while they are typed.
 */
public final class SchemaGenerator {
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaGenerator() {}

    public static ObjectNode generate(Catalog catalog) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", DIALECT);
        root.put("$id", "https://syncopated.dev/schema/spec.json");
        root.put("title", "syncopated spec");
        root.put("description", "Linux audio machines: hosts, groups and the roles each should have.");
        root.put("type", "object");
        root.put("additionalProperties", false);
        ObjectNode props = root.putObject("properties");
        props.putObject("name").put("type", "string").put("description", "A name for this set of machines.");
        ObjectNode include = props.putObject("include");
        include.put("description", "Spec files merged first, relative to this file.");
        ArrayNode includeForms = include.putArray("oneOf");
        includeForms.addObject().put("type", "string");
        includeForms.addObject().put("type", "array").putObject("items").put("type", "string");
        props.putObject("roles").put("$ref", "#/$defs/roles").put("description", "Roles every host gets.");
        ObjectNode groups = props.putObject("groups");
        groups.put("type", "object").put("description", "Named sets of roles that hosts join with 'groups:'.");
        groups.putObject("propertyNames").put("pattern", "^[A-Za-z_][A-Za-z0-9_]*$");
        groups.putObject("additionalProperties").put("$ref", "#/$defs/group");
        ObjectNode hosts = props.putObject("hosts");
        hosts.put("type", "object").put("description", "The machines, by name.");
        hosts.putObject("additionalProperties").put("$ref", "#/$defs/host");
        props.set("fleet", fleet());

        ObjectNode defs = root.putObject("$defs");
        defs.putObject("state").put("description", "present installs, absent removes, info only reports.")
                .putArray("enum").add("present").add("absent").add("info");
        ObjectNode roles = defs.putObject("roles");
        roles.put("type", "object").put("additionalProperties", false);
        ObjectNode roleProps = roles.putObject("properties");
        for (RoleDef role : catalog.roles()) {
            roleProps.putObject(role.name()).put("$ref", "#/$defs/role_" + role.name());
            defs.set("role_" + role.name(), role(role));
        }
        ObjectNode group = defs.putObject("group");
        group.put("type", "object").put("additionalProperties", false);
        ObjectNode groupProps = group.putObject("properties");
        groupProps.putObject("roles").put("$ref", "#/$defs/roles");
        groupProps.putObject("health").put("$ref", "#/$defs/health");
        defs.set("host", host());
        defs.set("health", health());
        return root;
    }

    private static ObjectNode host() {
        ObjectNode host = JSON.createObjectNode();
        host.putArray("type").add("object").add("null");
        host.put("additionalProperties", false);
        ObjectNode p = host.putObject("properties");
        p.putObject("address").put("type", "string")
                .put("description", "Host name or IP; for chroot the root directory, for container its name. Default: the host's name.");
        p.putObject("user").put("type", "string").put("pattern", "^[a-z_][a-z0-9_-]{0,31}$").put("description", "Login user.");
        p.putObject("port").put("type", "integer").put("minimum", 1).put("maximum", 65535);
        ObjectNode connection = p.putObject("connection");
        connection.put("description", "How Ansible reaches the host. Default: ssh.");
        connection.putArray("enum").add("ssh").add("local").add("chroot").add("container");
        p.putObject("become").put("type", "boolean").put("default", true).put("description", "Run as root through sudo.");
        p.putObject("python").put("type", "string").put("description", "Python interpreter on the host.");
        p.putObject("offline").put("type", "boolean")
                .put("description", "Never act on the host's running system (an image being built). Default: true for chroot and container, else false.");
        p.putObject("groups").put("type", "array").put("description", "Groups whose roles this host gets, in precedence order.")
                .putObject("items").put("type", "string");
        p.putObject("roles").put("$ref", "#/$defs/roles");
        p.putObject("health").put("$ref", "#/$defs/health");
        return host;
    }

    private static final String DURATION = "^\\d+\\s*[smh]?$";

    private static ObjectNode fleet() {
        ObjectNode fleet = JSON.createObjectNode();
        fleet.put("type", "object").put("additionalProperties", false)
                .put("description", "Where fleet nodes pull this spec from (syncopated publish, fleet enroll, pull).");
        fleet.putArray("required").add("repo");
        ObjectNode p = fleet.putObject("properties");
        p.putObject("repo").put("type", "string").put("description", "The git URL nodes pull from; never with a token in it.");
        p.putObject("branch").put("type", "string").put("default", "main");
        p.putObject("interval").put("type", "string").put("pattern", DURATION).put("default", "15m")
                .put("description", "How often nodes pull (a systemd timer with a random delay).");
        p.putObject("known_hosts").put("type", "array").put("description", "SSH host keys of the repository's server.")
                .putObject("items").put("type", "string");
        p.putObject("hold_while_playing").put("type", "boolean").put("default", true)
                .put("description", "A pull applies nothing while the node plays audio (a PCM running, PipeWire or JACK streams).");
        return fleet;
    }

    private static ObjectNode health() {
        ObjectNode health = JSON.createObjectNode();
        health.put("type", "array").put("description", "Commands that must exit 0 after a pull, or the node rolls back.");
        ArrayNode forms = health.putObject("items").putArray("oneOf");
        ObjectNode argv = JSON.createObjectNode().put("type", "array");
        argv.putObject("items").putArray("type").add("string").add("integer");
        forms.addObject().put("type", "string");
        forms.add(argv.deepCopy());
        ObjectNode full = forms.addObject();
        full.put("type", "object").put("additionalProperties", false);
        full.putArray("required").add("command");
        ObjectNode fp = full.putObject("properties");
        ArrayNode commandForms = fp.putObject("command").putArray("oneOf");
        commandForms.addObject().put("type", "string");
        commandForms.add(argv);
        fp.putObject("timeout").put("type", "string").put("pattern", DURATION).put("default", "30s");
        return health;
    }

    private static ObjectNode role(RoleDef role) {
        ObjectNode node = JSON.createObjectNode();
        node.put("description", role.description());
        ArrayNode forms = node.putArray("oneOf");
        forms.addObject().put("$ref", "#/$defs/state");
        forms.addObject().put("type", "null");
        ObjectNode options = forms.addObject();
        options.put("type", "object").put("additionalProperties", false);
        ObjectNode props = options.putObject("properties");
        props.putObject("state").put("$ref", "#/$defs/state");
        for (OptionDef option : role.options().values()) {
            ObjectNode schema = option.type() == OptionType.LIST ? list(option) : value(option, option.type());
            schema.put("description", option.description());
            if (option.defaultValue() != null) {
                schema.set("default", JSON.valueToTree(option.defaultValue()));
            }
            props.set(option.name(), schema);
        }
        return node;
    }

    private static ObjectNode list(OptionDef option) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "array");
        schema.set("items", value(option, option.elements()));
        return schema;
    }

    private static ObjectNode value(OptionDef option, OptionType type) {
        ObjectNode schema = JSON.createObjectNode();
        if (option.format() != null) {
            switch (option.format()) {
                case RATE -> enumOf(schema, Format.STANDARD_RATES);
                case QUANTUM -> enumOf(schema, List.of(16L, 32L, 64L, 128L, 256L, 512L, 1024L, 2048L, 4096L, 8192L));
                case CPULIST, ISOLATED_CPULIST -> schema.putArray("type").add("string").add("integer");
                case USB_ID -> schema.put("type", "string").put("pattern", "^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$");
                case USER, GROUP -> schema.put("type", "string").put("pattern", "^[a-z_][a-z0-9_-]{0,31}$");
                case MEMLOCK -> {
                    ArrayNode forms = schema.putArray("oneOf");
                    forms.addObject().put("type", "integer").put("minimum", 1);
                    forms.addObject().put("const", "unlimited");
                }
            }
            if (option.format() == Format.CPULIST || option.format() == Format.ISOLATED_CPULIST) {
                schema.put("pattern", "^\\d+(-\\d+)?(,\\d+(-\\d+)?)*$");
            }
            return schema;
        }
        if (!option.choices().isEmpty()) {
            ArrayNode values = schema.putArray("enum");
            option.choices().forEach(values::add);
            return schema;
        }
        switch (type) {
            case INT -> {
                schema.put("type", "integer");
                if (option.min() != null) {
                    schema.put("minimum", option.min());
                }
                if (option.max() != null) {
                    schema.put("maximum", option.max());
                }
            }
            case BOOL -> schema.put("type", "boolean");
            case SCALAR -> schema.putArray("type").add("string").add("integer");
            default -> schema.put("type", "string");
        }
        return schema;
    }

    private static void enumOf(ObjectNode schema, List<Long> values) {
        ArrayNode array = schema.putArray("enum");
        values.forEach(array::add);
    }
}
