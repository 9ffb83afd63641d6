package dev.syncopated.render;

/**
 * A string that came from a spec. It is written with Ansible's {@code !unsafe} tag, so Ansible
 * treats it as data and never evaluates a "{{ … }}" in it as a template.
 */
public record Unsafe(String text) {}
