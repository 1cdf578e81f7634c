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
import org.bourtol.contracts.outcome.Verdicts;
import org.bourtol.contracts.triage.TriageMessage;

/**
 * The monthly indicator report, a pure function of the stored events ({@link ReportInputs}). What
 * concerns alerts counts the alerts raised in the month (in the given time zone) and everything that
 * happened to them up to {@code asOf}, whenever it happened: an alert raised on the 31st and acknowledged
 * or resolved on the 1st is wholly in the first month, with its delays measured from its raising; SMS,
 * acknowledgements, escalations, actions and outcomes follow their alert. Reports received, messages to
 * triage and rejections count by their own time. Events after the cut-off are ignored, so a report asked
 * again with the same cut-off gives the same figures.
 *
 * <p>Settling: follow-ups count up to {@code settle} after the month's end (its settling instant). Asked
 * at or after that instant, the month is closed: the cut-off is the settling instant whatever {@code asOf}
 * says, so the report is the same however late it is asked and whatever is recorded afterwards (an
 * observation counts only if received by then). Asked before, it is provisional, cut off at {@code asOf}.
 * docs/reports.md defines each indicator and the rule.
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
    public record Report(String month, String region, String timezone, Instant from, Instant to, Instant settledAt, Instant asOf,
            boolean closed, String status, List<Row> rows, Row total, List<Week> weeks, Map<String, List<Double>> ackMinutes) {
    }

    /** The status of a closed month's report: it will not change. */
    public static final String FINAL = "final";
    /** The status of a month still settling: figures may change. */
    public static final String PROVISIONAL = "provisional";
    /** Follow-ups counted after a month's end unless configured ({@code reports.settleDays}). */
    public static final Duration DEFAULT_SETTLE = Duration.ofDays(30);

    private final ReportInputs in;
    private final Regions regions;
    private final YearMonth month;
    private final String regionFilter;
    private final Instant from;
    private final Instant to;
    private final Instant asOf;
    private final Instant settledAt;
    private final Map<List<String>, Indicators> rows = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
            .thenComparing(k -> k.get(1)));
    private final Indicators total = new Indicators();

    private MonthlyReport(ReportInputs in, YearMonth month, String region, ZoneId zone, Instant asOf, Duration settle) {
        this.in = in;
        this.regions = new Regions(in.zones());
        this.month = month;
        this.regionFilter = region == null ? null : regions.normalise(region);
        this.from = month.atDay(1).atStartOfDay(zone).toInstant();
        this.to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        this.settledAt = to.plus(settle);
        this.asOf = asOf.isBefore(settledAt) ? asOf : settledAt;
    }

    /**
     * The report of {@code month} in time zone {@code zone}, for one region ({@code mopti} or {@code region-mopti})
     * or all ({@code null}), counting the events recorded up to {@code asOf} (usually now), and at most up to
     * {@code settle} after the month's end (then the month is closed and its report final).
     */
    public static Report compute(ReportInputs in, YearMonth month, String region, ZoneId zone, Instant asOf, Duration settle) {
        if (settle.isNegative()) {
            throw new IllegalArgumentException("the settling time cannot be negative: " + settle);
        }
        return new MonthlyReport(in, month, region, zone, asOf, settle).run(zone);
    }

    private Report run(ZoneId zone) {
        Map<String, Alert> alerts = alerts(zone);
        responses(alerts);
        deliveries(alerts);
        observations();
        List<Row> out = new ArrayList<>();
        rows.forEach((k, v) -> out.add(new Row(k.get(0), regions.name(k.get(0)), k.get(1), v.values())));
        boolean closed = asOf.equals(settledAt);
        return new Report(month.toString(), regionFilter, zone.getId(), from, to, settledAt, asOf, closed, closed ? FINAL : PROVISIONAL,
                out, new Row(ALL, null, ALL, total.values()), weeks, ackMinutes);
    }

    private final List<Week> weeks = new ArrayList<>();
    private final Map<String, List<Double>> ackMinutes = new TreeMap<>();

    private boolean inMonth(Instant at) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }

    private boolean known(Instant at) {
        return at != null && !at.isAfter(asOf);
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

    /**
     * Lifecycle events up to {@code asOf} in time order; counts those of the alerts raised in the month and
     * returns every alert's latest state (alerts raised in the month only).
     */
    private Map<String, Alert> alerts(ZoneId zone) {
        List<AlertEvent> events = new ArrayList<>(in.alerts().stream().filter(e -> known(e.at())).toList());
        events.sort(Comparator.comparing(AlertEvent::at).thenComparingInt(AlertEvent::seq));
        Map<String, Alert> cohort = new HashMap<>();
        for (AlertEvent e : events) {
            if (e.type() == AlertEventType.RAISED && inMonth(e.alert().raisedAt() != null ? e.alert().raisedAt() : e.at())) {
                cohort.putIfAbsent(e.alertId(), e.alert());
            }
        }
        Map<String, Map<String, Integer>> perWeek = new LinkedHashMap<>();
        Map<String, LocalDate> weekStart = new HashMap<>();
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            perWeek.computeIfAbsent(week(d), w -> new TreeMap<>());
            weekStart.putIfAbsent(week(d), d);
        }
        Map<String, AlertEvent> state = new HashMap<>();
        Set<String> acknowledged = new HashSet<>();
        for (AlertEvent e : events) {
            if (!cohort.containsKey(e.alertId())) {
                continue;
            }
            AlertEvent before = state.get(e.alertId());
            AlertEvent now = AlertStates.fold(before, e);
            state.put(e.alertId(), now);
            Alert a = now.alert();
            List<Indicators> t = at(a);
            switch (e.type()) {
                case RAISED -> {
                    if (before == null) {
                        count(t, "alertsRaised");
                        count(t, "alerts" + e.alert().severity().name());
                        if (!t.isEmpty()) {
                            Instant raised = a.raisedAt() != null ? a.raisedAt() : e.at();
                            perWeek.get(week(raised.atZone(zone).toLocalDate())).merge(a.hazard().wire(), 1, Integer::sum);
                        }
                    }
                }
                case ACKNOWLEDGED -> {
                    Instant ackAt = e.alert().acknowledgedAt() != null ? e.alert().acknowledgedAt() : e.at();
                    if (acknowledged.add(e.alertId())) {
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
        perWeek.forEach((w, m) -> weeks.add(new Week(w, weekStart.get(w), m)));
        ackMinutes.values().forEach(l -> l.sort(Double::compare));
        Map<String, Alert> latest = new HashMap<>();
        state.forEach((id, e) -> latest.put(id, e.alert()));
        return latest;
    }

    /**
     * A cut-off as given to the API or the command: an instant ({@code 2026-09-15T00:00:00Z}) or a day
     * ({@code 2026-09-15}: its start, UTC); null or blank is {@code now}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant asOf(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return now;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("asOf must be a day (2026-09-15) or an instant (2026-09-15T00:00:00Z), not '" + value + "'");
        }
    }

    private static String week(LocalDate d) {
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static double minutes(Instant from, Instant to) {
        return from == null ? 0 : Duration.between(from, to).toMillis() / 60000.0;
    }

    /**
     * Actions and outcomes of the month's alerts up to {@code asOf}: actions counted and the first one
     * timed; one verdict per alert, an officer's (API) over the SMS views, else the latest.
     */
    private void responses(Map<String, Alert> alerts) {
        List<AlertResponse> list = new ArrayList<>(in.responses().stream()
                .filter(r -> r.counts() && alerts.containsKey(r.alertId()) && known(r.at())).toList());
        list.sort(Comparator.comparing(AlertResponse::at));
        Set<String> acted = new HashSet<>();
        for (AlertResponse r : list) {
            Alert a = alerts.get(r.alertId());
            List<Indicators> t = at(a);
            if (r.kind() == AlertResponse.Kind.ACTION) {
                count(t, "actions");
                if (acted.add(r.alertId())) {
                    count(t, "alertsWithAction");
                    double minutes = minutes(a.raisedAt(), r.at());
                    t.forEach(i -> i.actionMinutes.add(minutes));
                }
                continue;
            }
            if (r.source() == Source.SMS && r.verdict() == Verdict.FALSE_ALARM) {
                count(t, "falseAlarmViewsBySms");
            }
        }
        Map<String, AlertResponse> verdicts = Verdicts.of(list, asOf);
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
        alerts.values().stream().filter(a -> !verdicts.containsKey(a.id())).forEach(a -> count(at(a), "alertsWithoutOutcome"));
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** SMS deliveries of the month's alerts, each by its latest status up to {@code asOf}. */
    private void deliveries(Map<String, Alert> alerts) {
        Map<String, Delivery> first = new LinkedHashMap<>();
        Map<String, Delivery> last = new HashMap<>();
        for (Delivery d : in.deliveries()) {
            if (!"sms".equals(d.channel()) || !known(d.at()) || d.alertIds().stream().noneMatch(alerts::containsKey)) {
                continue;
            }
            first.merge(d.deliveryId(), d, (a, b) -> b.at().isBefore(a.at()) ? b : a);
            last.merge(d.deliveryId(), d, (a, b) -> b.at().isBefore(a.at()) ? a : b);
        }
        first.forEach((id, d) -> {
            Delivery end = last.get(id);
            Set<Indicators> targets = new java.util.LinkedHashSet<>();
            for (String alertId : d.alertIds()) {
                if (alerts.containsKey(alertId)) {
                    targets.addAll(at(alerts.get(alertId)));
                }
            }
            DeliveryStatus s = end.status();
            for (Indicators i : targets) {
                if (s == DeliveryStatus.SENT || s == DeliveryStatus.DELIVERED || s == DeliveryStatus.UNDELIVERED
                        || s == DeliveryStatus.ACKNOWLEDGED) {
                    i.addDistinct("smsSent", id);
                }
                if (s == DeliveryStatus.DELIVERED || s == DeliveryStatus.ACKNOWLEDGED) {
                    i.addDistinct("smsDelivered", id);
                }
                if (s == DeliveryStatus.FAILED || s == DeliveryStatus.UNDELIVERED) {
                    i.addDistinct("smsFailed", id);
                }
                if (end.localSink()) {
                    i.addDistinct("smsLocalSink", id);
                }
            }
        });
    }

    /** Reports received (by channel and focal point; by the time observed), messages to triage and rejected inputs. */
    private void observations() {
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (Observation o : in.observations()) {
            // a record written again after an ingest crash carries the same id: one report
            if (!inMonth(o.observedAt()) || !known(o.receivedAt()) || !counted.add(o.id())) {
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
            if (inMonth(m.receivedAt()) && known(m.receivedAt())) {
                List<Indicators> t = at(m.zoneId(), m.type() == null ? UNKNOWN : m.type().hazard().wire());
                count(t, "triaged");
                focalPoint(t, m.reporterId());
            }
        }
        for (Rejected r : in.rejected()) {
            if (inMonth(r.receivedAt()) && known(r.receivedAt())) {
                count(at(null, UNKNOWN), "rejected");
            }
        }
    }

    /** A person who reported: a pseudonym (officers re-entering a message are not focal points). */
    private static void focalPoint(List<Indicators> t, String reporterId) {
        if (reporterId != null && !reporterId.startsWith("officer:")) {
            t.forEach(i -> i.addDistinct("focalPoints", reporterId));
        }
    }
}
