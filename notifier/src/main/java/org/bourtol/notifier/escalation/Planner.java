package org.bourtol.notifier.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.routing.Routing;
import org.bourtol.notifier.routing.ZoneHierarchy;

/**
 * Decides which (alert, step, recipient) items are due now, from the current alert states, the
 * directories and the ledger — level-triggered, so a restart or a takeover recomputes the same
 * answer and the ledger filters what was already intended. Steps: {@code alert-<Severity>} (first
 * notice, and again when the severity rises above what the recipient was told), {@code repeat-<n>}
 * (every repeat interval after the last SMS while unacknowledged, at most the policy's maxRepeats),
 * {@code escalation-<k>} (the policy's k-th step, after its delay since the alert's first SMS, while
 * unacknowledged) and {@code resolved} (the all-clear, to everyone warned). Pure: time is an argument.
 */
public final class Planner {

    public static final String RESOLVED = "resolved";

    /** What an item is about; decides the template. */
    public enum Kind { ALERT, REPEAT, ESCALATION, ALL_CLEAR }

    /** One due item with what is needed to render it. */
    public record Due(Ledger.Item item, Kind kind, Alert alert, Recipient recipient) {
    }

    private static final class Facts {
        Severity notified;
        Instant lastAt;
        int repeats;
        boolean warned;
        boolean allClear;
    }

    private final EscalationPolicy policy;
    private final Duration repeatInterval;

    public Planner(EscalationPolicy policy, Duration repeatInterval) {
        this.policy = policy;
        this.repeatInterval = repeatInterval;
    }

    /**
     * @param firstSeen when this process first saw an alert (the escalation clock when nobody got an SMS yet)
     */
    public List<Due> due(Instant now, Collection<Alert> alerts, Map<String, Recipient> recipients, ZoneHierarchy zones,
                         Ledger ledger, Function<String, Instant> firstSeen) {
        List<Due> out = new ArrayList<>();
        for (Alert alert : alerts.stream().sorted(Comparator.comparing(Alert::id)).toList()) {
            Map<String, Facts> facts = new TreeMap<>();
            Instant firstAt = null;
            for (Delivery d : ledger.forAlert(alert.id())) {
                Instant at = ledger.intentAt(d.deliveryId());
                for (Ledger.Item item : Ledger.items(d)) {
                    if (!item.alertId().equals(alert.id())) {
                        continue;
                    }
                    Facts f = facts.computeIfAbsent(item.recipientId(), k -> new Facts());
                    String step = item.step();
                    if (step.equals(RESOLVED)) {
                        f.allClear = true;
                        continue;
                    }
                    if (step.startsWith("alert-")) {
                        Severity s = severity(step.substring(6));
                        f.notified = f.notified == null || (s != null && s.compareTo(f.notified) > 0) ? s : f.notified;
                    } else if (step.startsWith("repeat-")) {
                        f.repeats++;
                    }
                    f.lastAt = f.lastAt == null || at.isAfter(f.lastAt) ? at : f.lastAt;
                    firstAt = firstAt == null || at.isBefore(firstAt) ? at : firstAt;
                    if (d.status() != DeliveryStatus.FAILED && d.status() != DeliveryStatus.UNDELIVERED) {
                        f.warned = true;
                    }
                }
            }
            if (alert.active()) {
                planActive(now, alert, recipients, zones, facts, firstAt != null ? firstAt : firstSeen.apply(alert.id()), out);
            } else {
                for (Map.Entry<String, Facts> e : facts.entrySet()) {
                    Recipient r = recipients.get(e.getKey());
                    if (r != null && e.getValue().warned && !e.getValue().allClear) {
                        out.add(new Due(new Ledger.Item(alert.id(), RESOLVED, r.id()), Kind.ALL_CLEAR, alert, r));
                    }
                }
            }
        }
        return out.stream().filter(d -> !ledger.covered(d.item())).toList();
    }

    private void planActive(Instant now, Alert alert, Map<String, Recipient> recipients, ZoneHierarchy zones,
                            Map<String, Facts> facts, Instant firstAt, List<Due> out) {
        EscalationPolicy.Rule rule = policy.ruleFor(alert.hazard(), alert.severity());
        for (Recipient r : Routing.route(alert, recipients.values(), zones)) {
            Facts f = facts.getOrDefault(r.id(), new Facts());
            if (f.notified == null || alert.severity().compareTo(f.notified) > 0) {
                out.add(new Due(new Ledger.Item(alert.id(), "alert-" + alert.severity().name(), r.id()), Kind.ALERT, alert, r));
            } else if (!alert.acknowledged() && f.repeats < rule.maxRepeats() && f.lastAt != null
                    && !now.isBefore(f.lastAt.plus(repeatInterval))) {
                out.add(new Due(new Ledger.Item(alert.id(), "repeat-" + (f.repeats + 1), r.id()), Kind.REPEAT, alert, r));
            }
        }
        if (alert.acknowledged() || firstAt == null) {
            return;
        }
        for (int k = 0; k < rule.steps().size(); k++) {
            EscalationPolicy.Step step = rule.steps().get(k);
            if (now.isBefore(firstAt.plus(step.after()))) {
                continue;
            }
            String scope = zones.adminAncestor(alert.zone(), step.scope()).orElse(alert.zone());
            for (Recipient t : Routing.byRole(step.role(), scope, alert.zone(), alert.hazard(), recipients.values(), zones)) {
                Facts f = facts.get(t.id());
                if (f == null || !f.warned) {
                    out.add(new Due(new Ledger.Item(alert.id(), "escalation-" + (k + 1), t.id()), Kind.ESCALATION, alert, t));
                }
            }
        }
    }

    private static Severity severity(String name) {
        try {
            return Severity.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
