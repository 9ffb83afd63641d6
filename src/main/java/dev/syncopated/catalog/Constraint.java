package dev.syncopated.catalog;

import java.util.List;

/** A rule across options of one role, checked on the merged options of every host. */
public sealed interface Constraint {

    /** Each named option is at most the next one: {@code min_quantum ≤ quantum ≤ max_quantum}. */
    record Ordered(List<String> options) implements Constraint {}

    /** The value of {@code option} is one of the list option {@code list}: {@code rate} in {@code allowed_rates}. */
    record Member(String option, String list) implements Constraint {}
}
