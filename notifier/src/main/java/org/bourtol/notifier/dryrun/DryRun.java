package org.bourtol.notifier.dryrun;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.notifier.escalation.EscalationPolicy;
import org.bourtol.notifier.escalation.Grouper;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.routing.ZoneHierarchy;
import org.bourtol.notifier.sms.Templates;

/**
 * What a sequence of alert lifecycle events would have texted, per recipient: the notifier's own
 * {@link Planner} (routing, first notice, severity rises, repeats while unacknowledged, escalation,
 * all-clear), {@link Grouper} (quiet hours, grouping window, hourly throttle) and {@link Templates}
 * (messages and segments) run on a simulated clock that follows the alerts' event times, with an
 * in-memory {@link Ledger}; no SMS is sent and nothing is published. Every SMS is assumed delivered
 * and nobody acknowledges (acknowledgements in the events are applied as they come).
 *
 * <p>The clock moves from event to event; while items wait for their grouping window it steps by the
 * window, otherwise by {@link #IDLE_STEP} while alerts are active (repeats and escalations are due after
 * hours, so they are seen at most that late).
 */
public final class DryRun {

    /** The clock's step while alerts are active and nothing waits to be grouped. */
    public static final Duration IDLE_STEP = Duration.ofMinutes(5);

    /** SMS (messages) and segments to one recipient, and the simulated time of the first. */
    public record Count(String recipient, String name, int sms, int segments, Instant first) {
    }

    private final Planner planner;
    private final Duration groupWindow;
    private final Duration extremeWindow;
    private final int maxPerHour;
    private final java.time.ZoneId timezone;
    private final Templates templates;

    public DryRun(Planner planner, Duration groupWindow, int maxPerHour, java.time.ZoneId timezone, Templates templates) {
        this(planner, groupWindow, Duration.ZERO, maxPerHour, timezone, templates);
    }

    public DryRun(Planner planner, Duration groupWindow, Duration extremeWindow, int maxPerHour, java.time.ZoneId timezone,
                  Templates templates) {
        this.planner = planner;
        this.groupWindow = groupWindow;
        this.extremeWindow = extremeWindow;
        this.maxPerHour = maxPerHour;
        this.timezone = timezone;
        this.templates = templates;
    }

    /** With the notifier's configured windows, throttle, templates and escalation policy (the bundled ones when none). */
    public static DryRun of(org.bourtol.contracts.config.BourtolConfig.Notifier n) {
        EscalationPolicy policy = n.escalationPolicyFile() == null ? EscalationPolicy.defaults() : EscalationPolicy.load(n.escalationPolicyFile());
        return new DryRun(new Planner(policy, n.repeatInterval()), n.groupWindow(), n.extremeWindow(), n.maxSmsPerRecipientPerHour(),
                n.timezone(), Templates.load(n.templatesDir()));
    }

    /** Simulates from the first event up to {@code end} (or until nothing is active and nothing is due). */
    public List<Count> run(List<AlertEvent> events, Collection<Recipient> recipients, Collection<Zone> zones, Instant end) {
        List<AlertEvent> sorted = events.stream().filter(e -> e.seq() >= 0)
                .sorted(Comparator.comparing(AlertEvent::at).thenComparingInt(AlertEvent::seq)).toList();
        Map<String, Recipient> byId = new TreeMap<>();
        recipients.forEach(r -> byId.put(r.id(), r));
        ZoneHierarchy hierarchy = ZoneHierarchy.of(zones);
        Grouper grouper = new Grouper(groupWindow, extremeWindow, maxPerHour, 0, timezone);
        Ledger ledger = new Ledger();
        Map<String, Alert> alerts = new HashMap<>();
        Map<String, Instant> firstSeen = new HashMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Instant> first = new HashMap<>();
        int next = 0;
        int sent = 0;
        Instant now = sorted.isEmpty() ? end : sorted.get(0).at();
        while (!now.isAfter(end)) {
            while (next < sorted.size() && !sorted.get(next).at().isAfter(now)) {
                AlertEvent e = sorted.get(next++);
                alerts.put(e.alertId(), e.alert());
                firstSeen.putIfAbsent(e.alertId(), e.at());
            }
            Instant at = now;
            List<Planner.Due> due = planner.due(now, alerts.values(), byId, hierarchy, ledger, id -> firstSeen.getOrDefault(id, at));
            for (Grouper.Batch batch : grouper.ready(now, due, ledger, Set.of())) {
                Recipient r = batch.recipient();
                for (Templates.Message m : templates.split(r.language(), r.role(), batch.dues())) {
                    List<Ledger.Item> items = m.dues().stream().map(Planner.Due::item).toList();
                    ledger.apply(Delivery.intent("dry-run/" + (++sent), items.stream().map(Ledger.Item::alertId).toList(),
                            DeliveryStep.join(items.stream().map(Ledger.Item::step).toList()), r.id(), null, m.rendered().segments(), now, null)
                            .outcome(DeliveryStatus.SENT, now, "dry-run-" + sent, null, null, 1));
                    first.putIfAbsent(r.id(), now);
                    int[] c = counts.computeIfAbsent(r.id(), k -> new int[2]);
                    c[0]++;
                    c[1] += m.rendered().segments();
                }
            }
            boolean active = alerts.values().stream().anyMatch(Alert::active);
            Instant following = next < sorted.size() ? sorted.get(next).at() : null;
            Instant step;
            if (!due.isEmpty()) {
                step = now.plus(groupWindow.isZero() ? Duration.ofSeconds(1) : groupWindow);
            } else if (active) {
                step = now.plus(IDLE_STEP);
            } else if (following != null) {
                step = following;
            } else {
                break;
            }
            now = following != null && following.isBefore(step) ? following : step;
        }
        List<Count> out = new ArrayList<>();
        counts.forEach((id, c) -> out.add(new Count(id, byId.get(id).name(), c[0], c[1], first.get(id))));
        return out;
    }
}
