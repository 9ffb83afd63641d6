package dev.syncopated.spec.yaml;

import dev.syncopated.spec.Position;

/** A scalar with the type YAML's core schema resolved for it. */
public record YScalar(String text, Kind kind, Position position) implements YNode {

    public enum Kind {
        STRING("a string"), INT("an integer"), FLOAT("a number"), BOOL("true or false"), NULL("null");

        private final String article;

        Kind(String article) {
            this.article = article;
        }

        public String described() {
            return article;
        }
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String kindName() {
        return kind.described();
    }
}
