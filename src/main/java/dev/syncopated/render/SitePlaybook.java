package dev.syncopated.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * playbooks/site.yml: a preflight play, then one play over every planned host. Each role is included only for the hosts
 * whose {@code <role>_state} asks for it: first the removals, last role first, then the rest in apply
 * order, which is each host's plan order. One play means every host runs in parallel, and a host
 * that fails stops only itself: with a play per group of hosts, Ansible would end the whole run as
 * soon as every host of one play had failed.
 */
final class SitePlaybook {
    private SitePlaybook() {}

    /**
     * @param removed roles the playbook can remove, in apply order
     * @param applied roles some host applies or reports on, in apply order
     */
    static String yaml(String header, String hosts, List<String> removed, List<String> applied) {
        List<Object> tasks = new ArrayList<>();
        for (int i = removed.size() - 1; i >= 0; i--) {
            String role = removed.get(i);
            tasks.add(include("Remove " + role, role, role + "_state == 'absent'"));
        }
        for (String role : applied) {
            tasks.add(include("Apply " + role, role, role + "_state in ['present', 'info']"));
        }
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("name", "Syncopated");
        play.put("hosts", hosts);
        play.put("gather_facts", true);
        play.put("tasks", tasks);
        return header + AnsibleYaml.dump(List.of(preflight(hosts), play));
    }

    /**
     * A play of its own before the roles, without facts (gathering them needs the Python it looks for):
     * a host it stops is left out of the next play, and the others go on.
     */
    private static Map<String, Object> preflight(String hosts) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", "Check what the roles need on the target");
        task.put("ansible.builtin.import_role", Map.of("name", "preflight"));
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("name", "Preflight");
        play.put("hosts", hosts);
        play.put("gather_facts", false);
        play.put("tasks", List.of(task));
        return play;
    }

    private static Map<String, Object> include(String name, String role, String condition) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("name", name);
        task.put("ansible.builtin.include_role", Map.of("name", role));
        task.put("when", role + "_state is defined and " + condition);
        return task;
    }
}
