package org.bourtol.rules.engine;

import java.util.List;

/** A rule or zone refused, with every reason written for a DRR officer. */
public final class RuleProblems extends IllegalArgumentException {

    private final List<String> problems;

    public RuleProblems(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public RuleProblems(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
