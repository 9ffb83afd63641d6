package dev.syncopated.plan;

import java.util.List;

/** The routed plan of a spec: every host with its roles in apply order. */
public record Plan(String name, List<HostPlan> hosts) {}
