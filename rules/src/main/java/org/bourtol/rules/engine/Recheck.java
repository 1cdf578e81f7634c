package org.bourtol.rules.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The timed re-check of windows that expire without new input: every firing (rule, key) is re-checked
 * at {@code now} (passed in: the topology gives the latest event time seen, so a replay reproduces the
 * live run); a verdict that is no longer a fire clears the alert, and a rule that was deleted or disabled
 * clears its alerts.
 */
final class Recheck<P, S> {

    private final Family<P, S> family;
    private final DirectoryView view;
    private final Timelines<S> timelines;
    private final Evaluation<P, S> evaluation;
    private final Signaller<P, S> signaller;

    Recheck(Family<P, S> family, DirectoryView view, Timelines<S> timelines, Evaluation<P, S> evaluation, Signaller<P, S> signaller) {
        this.family = family;
        this.view = view;
        this.timelines = timelines;
        this.evaluation = evaluation;
        this.signaller = signaller;
    }

    void run(Instant now) {
        Map<String, CompiledRule<P>> rules = new HashMap<>();
        view.rules(family).forEach(r -> rules.put(r.id(), r));
        for (String skey : timelines.firing()) {
            Timeline<S> tl = timelines.get(skey);
            int bar = skey.indexOf('|');
            String ruleId = skey.substring(0, bar);
            CompiledRule<P> rule = rules.get(ruleId);
            String key = skey.substring(bar + 1);
            Verdict v = rule == null ? Verdict.CLEAR
                    : family.tick(evaluation.current(tl, rule, key), key, rule, view.zones(), now);
            if (v != null && !(v instanceof Verdict.Fire)) {
                signaller.sendUnsent(ruleId, key, Signaller.Emitted.of(tl));
                signaller.clear(ruleId, tl.alertZone(), key, now, now.toEpochMilli());
                timelines.save(skey, tl.told(Signaller.Emitted.NONE));
            }
        }
    }
}
