package dev.syncopated.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A new role that already follows the role contract: state routing, a catalog entry, argument specs
 * generated from it, offline-target handling, a managed drop-in that absent removes, findings from
 * info, and a test playbook. It works as generated; its author then replaces the drop-in with the
 * role's real work.
 */
public final class RoleScaffold {
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,40}");
    public static final int ORDER = 100;

    private RoleScaffold() {}

    /** Files by path relative to the role's directory. */
    public static Map<String, String> files(String name, String description) {
        RoleDef role = new RoleDef(name, description, ORDER, Map.of(), List.of(), List.of());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("catalog.yml", """
                # The one source of this role's options. The spec validator, `syncopated roles show`,
                # `syncopated schema`, meta/argument_specs.yml and docs/roles.md are all derived from it.
                description: %s
                order: %d
                options: {}
                """.formatted(description, ORDER));
        files.put("meta/argument_specs.yml", ArgumentSpecs.yaml(role));
        files.put("meta/main.yml", """
                ---
                galaxy_info:
                  role_name: %1$s
                  namespace: syncopated
                  author: syncopated
                  description: %2$s
                  license: MIT
                  min_ansible_version: "2.14"
                  platforms:
                    - name: ArchLinux
                      versions: [all]
                    - name: Debian
                      versions: [all]
                    - name: Ubuntu
                      versions: [all]
                    - name: Fedora
                      versions: [all]
                  galaxy_tags: [audio, linux]
                dependencies: []
                """.formatted(name, description));
        files.put("defaults/main.yml", """
                ---
                %s_state: present
                """.formatted(name));
        files.put("vars/main.yml", """
                ---
                # Private to the role: the drop-in it owns. Per-distro data goes in vars/<Distro>.yml.
                __%1$s_file: /etc/syncopated/%1$s.conf
                """.formatted(name));
        files.put("tasks/main.yml", """
                ---
                # Read facts as ansible_facts.<name>: the projects syncopated renders set
                # inject_facts_as_vars = False, so ansible_<name> fact variables are undefined there.
                - name: Check %1$s_state
                  ansible.builtin.assert:
                    that:
                      - %1$s_state in ['present', 'absent', 'info']
                    fail_msg: "%1$s_state must be one of present, absent or info, not '{{ %1$s_state }}'."
                    quiet: true

                - name: Decide whether the target is offline (a chroot, a container or syncopated_offline)
                  ansible.builtin.set_fact:
                    __syncopated_offline: "{{ (syncopated_offline | default(ansible_connection | default('') is search('chroot'))) | bool }}"

                - name: Run %1$s with state {{ %1$s_state }}
                  ansible.builtin.include_tasks: "{{ %1$s_state }}.yml"
                """.formatted(name));
        files.put("tasks/present.yml", """
                ---
                - name: Create the syncopated configuration directory
                  ansible.builtin.file:
                    path: "{{ __%1$s_file | dirname }}"
                    state: directory
                    owner: root
                    group: root
                    mode: "0755"

                - name: Write the %1$s drop-in
                  ansible.builtin.copy:
                    dest: "{{ __%1$s_file }}"
                    content: |
                      # Managed by syncopated (role %1$s). Removed by %1$s state=absent.
                    owner: root
                    group: root
                    mode: "0644"
                """.formatted(name));
        files.put("tasks/absent.yml", """
                ---
                - name: Remove the %1$s drop-in
                  ansible.builtin.file:
                    path: "{{ __%1$s_file }}"
                    state: absent
                """.formatted(name));
        files.put("tasks/info.yml", """
                ---
                - name: Look for the %1$s drop-in
                  ansible.builtin.stat:
                    path: "{{ __%1$s_file }}"
                  register: __%1$s_stat

                - name: Report the %1$s findings
                  ansible.builtin.set_fact:
                    %1$s_findings:
                      configured: "{{ __%1$s_stat.stat.exists }}"
                      file: "{{ __%1$s_file }}"
                      offline: "{{ __syncopated_offline }}"
                """.formatted(name));
        files.put("tests/inventory", "localhost ansible_connection=local\n");
        files.put("tests/test.yml", """
                ---
                # Reports on this machine without changing it. From the role's directory:
                #   ANSIBLE_ROLES_PATH=.. ansible-playbook -i tests/inventory tests/test.yml
                - name: Report what %1$s finds
                  hosts: localhost
                  gather_facts: false
                  roles:
                    - role: %1$s
                      vars:
                        %1$s_state: info
                """.formatted(name));
        files.put("README.md", """
                # %1$s

                %2$s

                Options: see `catalog.yml` (the one source; run `syncopated roles show %1$s`).
                Every role takes `%1$s_state: present | absent | info`.

                | state | does |
                |---|---|
                | present | writes `/etc/syncopated/%1$s.conf`, marked as managed by syncopated |
                | absent | removes exactly that file |
                | info | reports `%1$s_findings`: whether the file is there |

                After changing `catalog.yml`, regenerate `meta/argument_specs.yml` and docs/roles.md:
                `mvn -q test -Dtest=GeneratedFilesTest -Dsyncopated.regenerate=true`.
                """.formatted(name, description));
        return files;
    }
}
