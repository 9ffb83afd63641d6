package dev.syncopated.render;

import dev.syncopated.catalog.Catalog;
import dev.syncopated.catalog.RoleDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * playbooks/site.yml of the repository itself, so the repository is an Ansible project usable with
 * plain ansible-playbook: a host gets each role whose {@code <role>_state} it sets, removals first
 * in reverse order, then the rest in the catalog's order, as the plan does.
 */
public final class RepositoryPlaybook {
    private RepositoryPlaybook() {}

    public static String yaml(Catalog catalog) {
        List<Object> removing = new ArrayList<>();
        List<Object> applying = new ArrayList<>();
        for (RoleDef role : catalog.roles()) {
            removing.add(0, roleEntry(role, "== 'absent'"));
            applying.add(roleEntry(role, "in ['present', 'info']"));
        }
        return "# Generated from the role catalogs by syncopated; a test keeps it current.\n"
                + "# Without syncopated: set <role>_state (and <role>_<option>) for hosts in inventory/ or group_vars/,\n"
                + "# then run: ansible-playbook playbooks/site.yml\n"
                + AnsibleYaml.dump(List.of(
                        play("Remove the syncopated roles a host sets to absent, last role first", removing),
                        play("Apply the syncopated roles a host sets to present or info", applying)));
    }

    private static Map<String, Object> play(String name, List<Object> roles) {
        Map<String, Object> play = new LinkedHashMap<>();
        play.put("name", name);
        play.put("hosts", "all");
        play.put("gather_facts", true);
        play.put("roles", roles);
        return play;
    }

    private static Map<String, Object> roleEntry(RoleDef role, String condition) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", role.name());
        entry.put("when", role.name() + "_state is defined and " + role.name() + "_state " + condition);
        return entry;
    }
}
