package dev.syncopated.spec.yaml;

import dev.syncopated.spec.Diagnostics;
import dev.syncopated.spec.Position;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses one YAML text into a {@link YNode} tree that keeps every value's position.
 *
 * <p>Hostile input is refused early: aliases to collections are capped (an alias bomb fails at
 * once instead of expanding), documents are capped in size, and duplicate keys and recursive
 * aliases are errors. Problems become diagnostics, never exceptions.
 */
public final class YamlReader {
    /** Specs are a few kilobytes; 8 MiB leaves room for generated fleets of 10,000+ hosts. */
    public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    /** Far above what a hand-written spec uses, far below what a "billion laughs" needs. */
    public static final int MAX_COLLECTION_ALIASES = 50;

    private static final Tag MERGE = new Tag(Tag.PREFIX + "merge");

    private final String file;
    private final Diagnostics diagnostics;
    private final Map<Node, YNode> converted = new IdentityHashMap<>();
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

    private YamlReader(String file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /**
     * Reads {@code text}, labelled {@code file} in every position. Returns empty when the text
     * holds no document or could not be parsed; the reason is then in {@code diagnostics}.
     */
    public static Optional<YNode> read(String file, String text, Diagnostics diagnostics) {
        return new YamlReader(file, diagnostics).read(text);
    }

    private Optional<YNode> read(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        Optional<Node> root;
        try {
            Iterator<Node> documents = new Compose(settings).composeAllFromString(text).iterator();
            root = documents.hasNext() ? Optional.of(documents.next()) : Optional.empty();
            if (documents.hasNext()) {
                diagnostics.error(position(documents.next()), "", "the file holds more than one YAML document",
                        "a spec is one document: remove the '---' line, or split the documents into files joined with include");
                return Optional.empty();
            }
        } catch (MarkedYamlEngineException e) {
            reportSyntax(e, text);
            return Optional.empty();
        } catch (YamlEngineException e) {
            reportUnmarked(e);
            return Optional.empty();
        }
        if (root.isEmpty() || isNullScalar(root.get())) {
            diagnostics.error(Position.ofFile(file), "", "the file is empty",
                    "a spec is a mapping; start with 'hosts:' and one host under it");
            return Optional.empty();
        }
        return Optional.ofNullable(convert(root.get()));
    }

    private static boolean isNullScalar(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private void reportSyntax(MarkedYamlEngineException e, String text) {
        Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
        Position at = mark == null ? Position.ofFile(file) : position(mark);
        if (mark != null && isTabAt(mark)) {
            diagnostics.error(at, "", "a tab is used for indentation",
                    "YAML indents with spaces only; replace the tab with spaces");
            return;
        }
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = "";
        Optional<Mark> contextMark = e.getContextMark();
        if (e.getContext() != null && contextMark.isPresent() && contextMark.get() != mark) {
            Position started = position(contextMark.get());
            context = " (" + e.getContext() + " that starts at line " + started.line() + ", column " + started.column() + ")";
        }
        diagnostics.error(at, "", "invalid YAML: " + problem + context, "fix the YAML syntax at this position");
    }

    private void reportUnmarked(YamlEngineException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("aliases")) {
            diagnostics.error(Position.ofFile(file), "", "too many aliases: more than " + MAX_COLLECTION_ALIASES
                    + " references to lists or mappings, as in an alias bomb",
                    "write the values out, or share them with include and groups");
        } else if (message.contains("code point") || message.contains("limit")) {
            diagnostics.error(Position.ofFile(file), "", "the document is larger than "
                    + MAX_CODE_POINTS + " characters", "split the spec with include");
        } else {
            diagnostics.error(Position.ofFile(file), "", "invalid YAML: " + message.strip(),
                    "fix the YAML syntax of this file");
        }
    }

    private static boolean isTabAt(Mark mark) {
        int[] buffer = mark.getBuffer();
        int pointer = mark.getPointer();
        return buffer != null && pointer >= 0 && pointer < buffer.length && buffer[pointer] == '\t';
    }

    private Position position(Mark mark) {
        return new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private Position position(Node node) {
        return node.getStartMark().map(this::position).orElse(Position.ofFile(file));
    }

    /** Converts once per node, so aliases share one converted subtree instead of expanding. */
    private YNode convert(Node node) {
        YNode done = converted.get(node);
        if (done != null) {
            return done;
        }
        if (inProgress.containsKey(node)) {
            diagnostics.error(position(node), "", "an alias refers to a value that contains it",
                    "recursive aliases are not allowed; write the value out");
            return null;
        }
        inProgress.put(node, Boolean.TRUE);
        YNode result;
        if (node instanceof ScalarNode scalar) {
            result = new YScalar(scalar.getValue(), kindOf(scalar.getTag()), position(node));
        } else if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                YNode value = convert(item);
                if (value != null) {
                    items.add(value);
                }
            }
            result = new YSeq(items, position(node));
        } else {
            result = convertMap((MappingNode) node);
        }
        inProgress.remove(node);
        converted.put(node, result);
        return result;
    }

    private YMap convertMap(MappingNode node) {
        Map<String, YMap.Entry> entries = new LinkedHashMap<>();
        List<YMap> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                diagnostics.error(position(keyNode), "", "a key must be a plain name, not a list or mapping",
                        "write the key as a single word");
                continue;
            }
            if (MERGE.equals(keyScalar.getTag()) || "<<".equals(keyScalar.getValue())) {
                collectMergeSources(tuple.getValueNode(), merged);
                continue;
            }
            String key = keyScalar.getValue();
            YMap.Entry previous = entries.get(key);
            if (previous != null) {
                diagnostics.error(position(keyNode), "", "duplicate key '" + key + "' (first written at line "
                        + previous.keyPosition().line() + ")", "remove one of the two '" + key + "' keys");
                continue;
            }
            YNode value = convert(tuple.getValueNode());
            if (value != null) {
                entries.put(key, new YMap.Entry(key, position(keyNode), value));
            }
        }
        // Merge keys ("<<: *defaults") give values that the mapping's own keys override;
        // among several sources the first one wins, as YAML's merge-key rule says.
        for (YMap source : merged) {
            source.entries().forEach(entries::putIfAbsent);
        }
        return new YMap(entries, position(node));
    }

    private void collectMergeSources(Node valueNode, List<YMap> into) {
        List<Node> sources = valueNode instanceof SequenceNode seq ? seq.getValue() : List.of(valueNode);
        for (Node source : sources) {
            YNode value = convert(source);
            if (value instanceof YMap map) {
                into.add(map);
            } else if (value != null) {
                diagnostics.error(value.position(), "", "a merge key (<<) needs a mapping, got " + value.kindName(),
                        "merge an anchored mapping, for example '<<: *defaults'");
            }
        }
    }

    private static YScalar.Kind kindOf(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return YScalar.Kind.INT;
        }
        if (Tag.FLOAT.equals(tag)) {
            return YScalar.Kind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return YScalar.Kind.BOOL;
        }
        if (Tag.NULL.equals(tag)) {
            return YScalar.Kind.NULL;
        }
        return YScalar.Kind.STRING;
    }
}
