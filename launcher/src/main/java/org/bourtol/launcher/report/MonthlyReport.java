package org.bourtol.launcher.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.RainReading;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.triage.TriageMessage;

/**
 * The monthly indicator report, a pure function of the stored events ({@link ReportInputs}). Every
 * figure counts events whose own time falls in the month (in the given time zone): an alert raised on
 * the 31st and resolved on the 1st counts as raised in the first month; an acknowledgement, an action
 * or an outcome counts in the month it was recorded, with its delay measured from the alert's raising.
 * Nothing recorded later changes a closed month, so asking again gives the same figures. docs/reports.md
 * defines each indicator.
 */
public final class MonthlyReport {

    static final String UNKNOWN = "unknown";
    static final String ALL = "all";

    /** One row: a region (zone id of kind region, or {@code unknown}) and a hazard, with its indicators. */
    public record Row(String region, String regionName, String hazard, Map<String, Number> indicators) {
    }

    /** Raised alerts of one ISO week (the part inside the month), per hazard. */
    public record Week(String week, LocalDate from, Map<String, Integer> alerts) {
    }

    /** The report: rows sorted by region and hazard, their total, and the data of the charts. */
    public record Report(String month, String region, String timezone, Instant from, Instant to, boolean closed,
                         List<Row> rows, Row total, List<Week> weeks, Map<String, List<Double>> ackMinutes) {
    }

    private final ReportInputs in;
    private final Regions regions;
    private final YearMonth month;
    private final String regionFilter;
    private final Instant from;
    private final Instant to;
    private final Map<List<String>, Indicators> rows = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
            .thenComparing(k -> k.get(1)));
    private final Indicators total = new Indicators();

    private MonthlyReport(ReportInputs in, YearMonth month, String region, ZoneId zone) {
        this.in = in;
        this.regions = new Regions(in.zones());
        this.month = month;
        this.regionFilter = region == null ? null : regions.normalise(region);
        this.from = month.atDay(1).atStartOfDay(zone).toInstant();
        this.to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    /**
     * The report of {@code month} in time zone {@code zone}, for one region ({@code mopti} or {@code region-mopti})
     * or all ({@code null}); {@code now} only says whether the month is closed.
     */
    public static Report compute(ReportInputs in, YearMonth month, String region, ZoneId zone, Instant now) {
        return new MonthlyReport(in, month, region, zone).run(zone, now);
    }

    private Report run(ZoneId zone, Instant now) {
        Map<String, Alert> alerts = alerts(zone);
        responses(alerts);
        deliveries(alerts);
        observations();
        List<Row> out = new ArrayList<>();
        rows.forEach((k, v) -> out.add(new Row(k.get(0), regions.name(k.get(0)), k.get(1), v.values())));
        return new Report(month.toString(), regionFilter, zone.getId(), from, to, !now.isBefore(to), out,
                new Row(ALL, null, ALL, total.values()), weeks, ackMinutes);
    }

    private final List<Week> weeks = new ArrayList<>();
    private final Map<String, List<Double>> ackMinutes = new TreeMap<>();

    private boolean inMonth(Instant at) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    /** The accumulators an event of this zone and hazard adds to (none when the region is filtered out). */
    private List<Indicators> at(String zoneId, String hazard) {
        String region = regions.regionOf(zoneId);
        if (regionFilter != null && !regionFilter.equals(region)) {
            return List.of();
        }
        return List.of(rows.computeIfAbsent(List.of(region, hazard), k -> new Indicators()), total);
    }

    private List<Indicators> at(Alert a) {
        return a == null ? at(null, UNKNOWN) : at(a.zone(), a.hazard().wire());
    }

    private void count(List<Indicators> targets, String column) {
        targets.forEach(i -> i.inc(column));
    }

    /** Lifecycle events in time order; returns every alert's latest state. */
    private Map<String, Alert> alerts(ZoneId zone) {
        Map<String, AlertEvent> state = new HashMap<>();
        Set<String> acknowledged = new HashSet<>();
        Map<String, Map<String, Integer>> perWeek = new LinkedHashMap<>();
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            perWeek.computeIfAbsent(week(d), w -> new TreeMap<>());
        }
        Map<String, LocalDate> weekStart = new HashMap<>();
        List<AlertEvent> events = new ArrayList<>(in.alerts());
        events.sort(Comparator.comparing(AlertEvent::at).thenComparingInt(AlertEvent::seq));
        for (AlertEvent e : events) {
            AlertEvent before = state.get(e.alertId());
            AlertEvent now = AlertStates.fold(before, e);
            state.put(e.alertId(), now);
            Alert a = now.alert();
            if (!inMonth(e.at()) && e.type() != AlertEventType.ACKNOWLEDGED) {
                continue;
            }
            List<Indicators> t = at(a);
            switch (e.type()) {
                case RAISED -> {
                    count(t, "alertsRaised");
                    count(t, "alerts" + e.alert().severity().name());
                    if (!t.isEmpty()) {
                        LocalDate day = e.at().atZone(zone).toLocalDate();
                        perWeek.get(week(day)).merge(a.hazard().wire(), 1, Integer::sum);
                    }
                }
                case ACKNOWLEDGED -> {
                    Instant ackAt = e.alert().acknowledgedAt() != null ? e.alert().acknowledgedAt() : e.at();
                    if (acknowledged.add(e.alertId()) && inMonth(ackAt)) {
                        count(t, "alertsAcknowledged");
                        double minutes = minutes(a.raisedAt(), ackAt);
                        t.forEach(i -> i.ackMinutes.add(minutes));
                        if (!t.isEmpty()) {
                            ackMinutes.computeIfAbsent(a.hazard().wire(), h -> new ArrayList<>()).add(minutes);
                        }
                        Instant resolved = before == null ? null : before.alert().resolvedAt();
                        if (resolved != null && !ackAt.isBefore(resolved)) {
                            count(t, "ackAfterResolution");
                        }
                    }
                }
                case UNVERIFIED_ACK -> count(t, "unverifiedAcks");
                case ESCALATED -> count(t, "escalations");
                default -> {
                }
            }
        }
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            weekStart.putIfAbsent(week(d), d);
        }
        perWeek.forEach((w, m) -> weeks.add(new Week(w, weekStart.get(w), m)));
        ackMinutes.values().forEach(l -> l.sort(Double::compare));
        Map<String, Alert> latest = new HashMap<>();
        state.forEach((id, e) -> latest.put(id, e.alert()));
        return latest;
    }

    private static String week(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static double minutes(Instant from, Instant to) {
        return from == null ? 0 : Duration.between(from, to).toMillis() / 60000.0;
    }

    /** Actions (first per alert timed) and outcomes (an officer's verdict wins over SMS views, then the latest). */
    private void responses(Map<String, Alert> alerts) {
        List<AlertResponse> list = new ArrayList<>(in.responses());
        list.sort(Comparator.comparing(AlertResponse::at));
        Set<String> acted = new HashSet<>();
        Map<String, AlertResponse> verdicts = new LinkedHashMap<>();
        Set<String> judgedByEnd = new HashSet<>();
        for (AlertResponse r : list) {
            Alert a = alerts.get(r.alertId());
            List<Indicators> t = at(a);
            if (r.kind() == AlertResponse.Kind.ACTION) {
                boolean first = acted.add(r.alertId());
                if (inMonth(r.at())) {
                    count(t, "actions");
                    if (first) {
                        count(t, "alertsWithAction");
                        double minutes = minutes(a == null ? null : a.raisedAt(), r.at());
                        t.forEach(i -> i.actionMinutes.add(minutes));
                    }
                }
                continue;
            }
            if (r.at().isBefore(to)) {
                judgedByEnd.add(r.alertId());
            }
            if (!inMonth(r.at())) {
                continue;
            }
            if (r.source() == Source.SMS && r.verdict() == Verdict.FALSE_ALARM) {
                count(t, "falseAlarmViewsBySms");
            }
            AlertResponse held = verdicts.get(r.alertId());
            if (held == null || r.source() != Source.SMS || held.source() == Source.SMS) {
                verdicts.put(r.alertId(), r);
            }
        }
        verdicts.forEach((id, r) -> {
            List<Indicators> t = at(alerts.get(id));
            count(t, switch (r.verdict()) {
                case CONFIRMED -> "outcomeConfirmed";
                case FALSE_ALARM -> "outcomeFalseAlarm";
                case UNKNOWN -> "outcomeUnknown";
            });
            if (r.violence() != null) {
                count(t, "violence" + capitalised(r.violence().wire()));
            }
            if (r.peopleMoved() != null) {
                count(t, r.peopleMoved() ? "peopleMovedYes" : "peopleMovedNo");
            }
        });
        alerts.values().stream().filter(a -> inMonth(a.raisedAt()) && !judgedByEnd.contains(a.id()))
                .forEach(a -> count(at(a), "alertsWithoutOutcome"));
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** SMS deliveries, by the month of their first record and their latest status. */
    private void deliveries(Map<String, Alert> alerts) {
        Map<String, Delivery> first = new LinkedHashMap<>();
        Map<String, Delivery> last = new HashMap<>();
        for (Delivery d : in.deliveries()) {
            if (!"sms".equals(d.channel())) {
                continue;
            }
            first.merge(d.deliveryId(), d, (a, b) -> b.at().isBefore(a.at()) ? b : a);
            last.merge(d.deliveryId(), d, (a, b) -> b.at().isBefore(a.at()) ? a : b);
        }
        first.forEach((id, d) -> {
            if (!inMonth(d.at())) {
                return;
            }
            Delivery end = last.get(id);
            Set<Indicators> targets = new java.util.LinkedHashSet<>();
            for (String alertId : d.alertIds().isEmpty() ? List.of("") : d.alertIds()) {
                targets.addAll(at(alerts.get(alertId)));
            }
            DeliveryStatus s = end.status();
            for (Indicators i : targets) {
                if (s == DeliveryStatus.SENT || s == DeliveryStatus.DELIVERED || s == DeliveryStatus.UNDELIVERED
                        || s == DeliveryStatus.ACKNOWLEDGED) {
                    i.sent.add(id);
                }
                if (s == DeliveryStatus.DELIVERED || s == DeliveryStatus.ACKNOWLEDGED) {
                    i.delivered.add(id);
                }
                if (s == DeliveryStatus.FAILED || s == DeliveryStatus.UNDELIVERED) {
                    i.failed.add(id);
                }
                if (end.localSink()) {
                    i.localSink.add(id);
                }
            }
        });
    }

    /** Reports received (by channel and focal point), messages to triage and rejected inputs. */
    private void observations() {
        for (Observation o : in.observations()) {
            if (!inMonth(o.receivedAt())) {
                continue;
            }
            String zone;
            String hazard;
            if (o instanceof CommunityReport c) {
                zone = c.zoneId();
                hazard = c.type().hazard().wire();
            } else if (o instanceof HerdPosition h) {
                zone = h.zoneId();
                hazard = Hazard.CONFLICT.wire();
            } else if (o instanceof GaugeReading g) {
                zone = g.stationId();
                hazard = Hazard.FLOOD.wire();
            } else {
                zone = ((RainReading) o).stationId();
                hazard = Hazard.FLOOD.wire();
            }
            List<Indicators> t = at(zone, hazard);
            count(t, switch (o.source()) {
                case SMS -> "reportsSms";
                case MQTT, LORAWAN -> "reportsMqtt";
                case HTTP, SIMULATOR -> "reportsApi";
            });
            focalPoint(t, o.reporterId());
        }
        for (TriageMessage m : in.triage()) {
            if (inMonth(m.receivedAt())) {
                List<Indicators> t = at(m.zoneId(), m.type() == null ? UNKNOWN : m.type().hazard().wire());
                count(t, "triaged");
                focalPoint(t, m.reporterId());
            }
        }
        for (Rejected r : in.rejected()) {
            if (inMonth(r.receivedAt())) {
                count(at(null, UNKNOWN), "rejected");
            }
        }
    }

    /** A person who reported: a pseudonym (officers re-entering a message are not focal points). */
    private static void focalPoint(List<Indicators> t, String reporterId) {
        if (reporterId != null && !reporterId.startsWith("officer:")) {
            t.forEach(i -> i.focalPoints.add(reporterId));
        }
    }
}
