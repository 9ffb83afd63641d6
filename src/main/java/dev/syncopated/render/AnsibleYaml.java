package dev.syncopated.render;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/** Writes YAML for Ansible: block style, no anchors, and {@link Unsafe} strings tagged {@code !unsafe}. */
final class AnsibleYaml {
    private static final Tag UNSAFE = new Tag("!unsafe");

    private AnsibleYaml() {}

    static String dump(Object document) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setExplicitStart(true)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(Integer.MAX_VALUE)
                .setSplitLines(false)
                .setDereferenceAliases(true)
                .build();
        return new Dump(settings, new Representer(settings)).dumpToString(document);
    }

    private static final class Representer extends StandardRepresenter {
        Representer(DumpSettings settings) {
            super(settings);
            representers.put(Unsafe.class, data -> representScalar(UNSAFE, ((Unsafe) data).text(), ScalarStyle.SINGLE_QUOTED));
        }
    }

}
