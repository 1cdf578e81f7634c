package org.bourtol.rules.engine;

/** The result of a pure rule step: the new (immutable) state and the verdict. */
public record Step<S>(S state, Verdict verdict) {
}
