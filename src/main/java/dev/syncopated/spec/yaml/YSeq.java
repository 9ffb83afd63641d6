package dev.syncopated.spec.yaml;

import dev.syncopated.spec.Position;
import java.util.List;

public record YSeq(List<YNode> items, Position position) implements YNode {

    public YSeq {
        items = List.copyOf(items);
    }

    @Override
    public String kindName() {
        return "a list";
    }
}
