package dev.syncopated.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.syncopated.plan.HostPlan;
import dev.syncopated.plan.Plan;
import dev.syncopated.plan.RoleStep;
import dev.syncopated.spec.State;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plan for people (one block per host) and for programs (JSON). */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static String text(Plan plan) {
        StringBuilder out = new StringBuilder();
        int width = plan.hosts().stream().flatMap(h -> h.roles().stream()).mapToInt(s -> s.role().length()).max().orElse(0);
        for (HostPlan host : plan.hosts()) {
            out.append(host.name()).append("  (").append(host.connection().label()).append(' ').append(host.address());
            if (!host.groups().isEmpty()) {
                out.append(", groups: ").append(String.join(", ", host.groups()));
            }
            out.append(")\n");
            if (host.roles().isEmpty()) {
                out.append("  no roles\n");
            }
            for (RoleStep step : host.roles()) {
                out.append("  ").append(symbol(step.state())).append(' ')
                        .append(pad(step.role(), width)).append("  ").append(pad(step.state().label(), 7));
                String options = step.options().entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .map(e -> e.getKey() + "=" + shown(e.getValue()))
                        .collect(Collectors.joining(" "));
                if (step.state() != State.ABSENT && !options.isEmpty()) {
                    out.append("  ").append(options);
                }
                out.append('\n');
            }
        }
        long roles = plan.hosts().stream().mapToLong(h -> h.roles().size()).sum();
        out.append(plan.hosts().size()).append(plan.hosts().size() == 1 ? " host, " : " hosts, ")
                .append(roles).append(roles == 1 ? " role step" : " role steps").append('\n');
        return out.toString();
    }

    private static String symbol(State state) {
        return switch (state) {
            case PRESENT -> "+";
            case ABSENT -> "-";
            case INFO -> "?";
        };
    }

    private static String shown(Object value) {
        if (value instanceof List<?> list) {
            return "[" + list.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]";
        }
        return String.valueOf(value);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    public static String json(Plan plan) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        if (plan.name() != null) {
            root.put("name", plan.name());
        }
        ArrayNode hosts = root.putArray("hosts");
        for (HostPlan host : plan.hosts()) {
            ObjectNode h = hosts.addObject();
            h.put("name", host.name());
            h.put("address", host.address());
            h.put("connection", host.connection().label());
            h.put("offline", host.offline());
            ArrayNode groups = h.putArray("groups");
            host.groups().forEach(groups::add);
            ArrayNode roles = h.putArray("roles");
            for (RoleStep step : host.roles()) {
                ObjectNode r = roles.addObject();
                r.put("role", step.role());
                r.put("state", step.state().label());
                ObjectNode options = r.putObject("options");
                for (Map.Entry<String, Object> option : step.options().entrySet()) {
                    options.set(option.getKey(), mapper.valueToTree(option.getValue()));
                }
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
