package dev.syncopated.spec;

import java.util.Optional;

/** The outcome of loading: the spec when it could be built, and everything found on the way. */
public record LoadedSpec(Optional<Spec> spec, Diagnostics diagnostics, Sources sources) {

    public boolean valid() {
        return spec.isPresent() && !diagnostics.hasErrors();
    }
}
