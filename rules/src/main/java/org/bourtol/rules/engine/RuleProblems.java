package org.bourtol.rules.engine;

import java.util.List;

/**
 * A rule or zone refused, with every reason written for a DRR officer. {@link #unknownParams()} names the
 * parameters the rule's family does not read; when they are the only problem ({@link #onlyUnknownParams()}),
 * the running topology can still evaluate a rule stored before such parameters were refused.
 */
public final class RuleProblems extends IllegalArgumentException {

    private final List<String> problems;
    private final List<String> unknownParams;
    private final boolean otherProblems;

    public RuleProblems(List<String> problems, List<String> unknownParams, boolean otherProblems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.unknownParams = List.copyOf(unknownParams);
        this.otherProblems = otherProblems;
    }

    public RuleProblems(List<String> problems) {
        this(problems, List.of(), true);
    }

    public RuleProblems(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    /** Parameters the family does not read (empty when none). */
    public List<String> unknownParams() {
        return unknownParams;
    }

    /** True when the only problems are unknown parameters. */
    public boolean onlyUnknownParams() {
        return !otherProblems && !unknownParams.isEmpty();
    }
}
