package dev.syncopated.plan;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.spec.State;
import java.util.Comparator;
import java.util.List;

/** The plan of {@code syncopated info}: every planned role, in catalog order, in state info. */
public final class InfoPlan {
    private InfoPlan() {}

    public static Plan of(Plan plan, Catalog catalog) {
        List<HostPlan> hosts = plan.hosts().stream().map(host -> host.withRoles(host.roles().stream()
                .sorted(Comparator.comparingInt(step -> catalog.rank(step.role())))
                .map(step -> new RoleStep(step.role(), State.INFO, step.options()))
                .toList())).toList();
        return new Plan(plan.name(), hosts);
    }
}
