package dev.syncopated.render;

import dev.syncopated.catalog.Catalog;

/**
 * playbooks/site.yml of the repository itself, so the repository is an Ansible project usable with
 * plain ansible-playbook: a host gets each role whose {@code <role>_state} it sets, in plan order.
 */
public final class RepositoryPlaybook {
    private RepositoryPlaybook() {}

    public static String yaml(Catalog catalog) {
        return SitePlaybook.yaml("# Generated from the role catalogs by syncopated; a test keeps it current.\n"
                        + "# Without syncopated: set <role>_state (and <role>_<option>) for hosts in inventory/ or group_vars/,\n"
                        + "# then run: ansible-playbook playbooks/site.yml\n",
                "all", catalog.names(), catalog.names());
    }
}
