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
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.delivery.DeliveryStep;
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
 * unacknowledged) and {@code resolved} (the all-clear, to everyone warned). An officer-issued warning
 * has {@code issued-<version>} (first notice), {@code update-<version>} (to everyone already warned
 * when the officer changed it) and {@code cancelled} (instead of the all-clear when it was cancelled).
 * Pure: time is an argument.
 */
public final class Planner {

    /** What an item is about; decides the template. */
    public enum Kind { ALERT, REPEAT, ESCALATION, ALL_CLEAR, UPDATE, CANCEL }

    /** One due item with what is needed to render it. */
    public record Due(Ledger.Item item, Kind kind, Alert alert, Recipient recipient) {
    }

    private static final class Facts {
        Severity notified;
        Instant lastAt;
        int repeats;
        boolean warned;
        boolean allClear;
        /** The highest version of an issued warning this recipient was sent (0: none, or not an issued warning). */
        int version;
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
                    DeliveryStep step = item.step();
                    if (step instanceof DeliveryStep.Resolved || step instanceof DeliveryStep.Cancelled) {
                        f.allClear = true;
                        continue;
                    }
                    if (step instanceof DeliveryStep.Issued i) {
                        f.version = Math.max(f.version, i.version());
                    } else if (step instanceof DeliveryStep.Update u) {
                        f.version = Math.max(f.version, u.version());
                    } else if (step instanceof DeliveryStep.Notice n) {
                        Severity s = n.severity();
                        f.notified = f.notified == null || s.compareTo(f.notified) > 0 ? s : f.notified;
                    } else if (step instanceof DeliveryStep.Repeat) {
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
                boolean cancelled = alert.issued() != null && alert.issued().cancelled();
                for (Map.Entry<String, Facts> e : facts.entrySet()) {
                    Recipient r = recipients.get(e.getKey());
                    if (r != null && e.getValue().warned && !e.getValue().allClear) {
                        out.add(cancelled ? new Due(new Ledger.Item(alert.id(), DeliveryStep.CANCELLED, r.id()), Kind.CANCEL, alert, r)
                                : new Due(new Ledger.Item(alert.id(), DeliveryStep.RESOLVED, r.id()), Kind.ALL_CLEAR, alert, r));
                    }
                }
            }
        }
        return out.stream().filter(d -> !ledger.covered(d.item())).toList();
    }

    /**
     * The alerts among {@code open} that are no longer active and have nothing in {@code due} (the all-clear or
     * cancellation went to everyone warned, or nobody was): the planner would find nothing for them at any later tick
     * either, since a ledger item once covered stays covered; a new state of the alert opens it again. An alert in
     * {@code inFlight} (an SMS about it handed out, its intent perhaps not in the ledger yet) is not settled: once its
     * warning is in the ledger, its all-clear is due.
     */
    public static List<AlertEvent> settled(Collection<AlertEvent> open, List<Due> due, java.util.Set<String> inFlight) {
        java.util.Set<String> pending = new java.util.HashSet<>(inFlight);
        due.forEach(x -> pending.add(x.item().alertId()));
        return open.stream().filter(e -> !e.alert().active() && !pending.contains(e.alertId())).toList();
    }

    private void planActive(Instant now, Alert alert, Map<String, Recipient> recipients, ZoneHierarchy zones,
                            Map<String, Facts> facts, Instant firstAt, List<Due> out) {
        EscalationPolicy.Rule rule = policy.ruleFor(alert.hazard(), alert.severity());
        List<Recipient> routed = Routing.route(alert, recipients.values(), zones);
        if (alert.issued() != null) {
            planUpdates(alert, recipients, routed, facts, out);
        }
        for (Recipient r : routed) {
            Facts f = facts.getOrDefault(r.id(), new Facts());
            if (alert.issued() != null && (!f.warned || f.version < alert.issued().version())) {
                continue; // first notice or update, planned above
            }
            if (alert.issued() == null && (f.notified == null || alert.severity().compareTo(f.notified) > 0)) {
                out.add(new Due(new Ledger.Item(alert.id(), new DeliveryStep.Notice(alert.severity()), r.id()), Kind.ALERT, alert, r));
            } else if (!alert.acknowledged() && f.repeats < rule.maxRepeats() && f.lastAt != null
                    && !now.isBefore(f.lastAt.plus(repeatInterval))) {
                out.add(new Due(new Ledger.Item(alert.id(), new DeliveryStep.Repeat(f.repeats + 1), r.id()), Kind.REPEAT, alert, r));
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
                if ((f == null || !f.warned) && Routing.reachable(t, alert)) {
                    out.add(new Due(new Ledger.Item(alert.id(), new DeliveryStep.Escalation(k + 1), t.id()), Kind.ESCALATION, alert, t));
                }
            }
        }
    }

    /**
     * An officer-issued warning: a routed recipient never sent it gets the first notice at the current
     * version; everyone already warned (routed or not any more: they must hear that it changed) whose
     * last notice was an older version gets the update. A recipient warned only by an escalation step
     * counts as told the version current when that step was intended.
     */
    private static void planUpdates(Alert alert, Map<String, Recipient> recipients, List<Recipient> routed,
                                    Map<String, Facts> facts, List<Due> out) {
        int v = alert.issued().version();
        for (Recipient r : routed) {
            Facts f = facts.get(r.id());
            if (f == null || !f.warned) {
                out.add(new Due(new Ledger.Item(alert.id(), new DeliveryStep.Issued(v), r.id()), Kind.ALERT, alert, r));
            }
        }
        for (Map.Entry<String, Facts> e : facts.entrySet()) {
            Facts f = e.getValue();
            Recipient r = recipients.get(e.getKey());
            boolean behind = f.version > 0 ? f.version < v : f.lastAt != null && alert.updatedAt() != null && f.lastAt.isBefore(alert.updatedAt());
            if (r != null && f.warned && behind) {
                out.add(new Due(new Ledger.Item(alert.id(), new DeliveryStep.Update(v), r.id()), Kind.UPDATE, alert, r));
            }
        }
    }
}
