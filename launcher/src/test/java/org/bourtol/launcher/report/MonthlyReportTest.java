package org.bourtol.launcher.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.delivery.DeliveryStatus;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.GaugeReading;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.HerdPosition;
import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.observation.Species;
import org.bourtol.contracts.outcome.AlertResponse;
import org.bourtol.contracts.outcome.Verdict;
import org.bourtol.contracts.outcome.Violence;
import org.bourtol.contracts.triage.TriageMessage;
import org.junit.jupiter.api.Test;

/**
 * Every indicator of the monthly report on a fixed set of events: four alerts (one raised on 31 August
 * and acknowledged, resolved and judged in September, one acknowledged after it was resolved, one raised
 * in July with an action in August), grouped and failed SMS, actions, an SMS false-alarm view overruled
 * by an officer's verdict, reports on three channels, a message to triage and a rejection.
 */
class MonthlyReportTest {

    static final YearMonth AUG = YearMonth.of(2026, 8);
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    static Instant t(String s) {
        return Instant.parse("2026-" + s + ":00Z");
    }

    static Zone zone(String id, ZoneKind kind, String name, String parent) {
        return new Zone(id, kind, name, List.of(), parent, JsonNodeFactory.instance.objectNode().put("type", "Point")
                .set("coordinates", JsonNodeFactory.instance.arrayNode().add(0).add(0)), JsonNodeFactory.instance.objectNode());
    }

    static Alert alert(String id, Hazard hazard, String zone, Severity sev, Instant raised, Instant resolved, Instant acked) {
        Alert.Builder b = Alert.builder().id(id, id.toUpperCase()).rule("r-" + id, "t").hazard(hazard).zone(zone, zone, null)
                .state(resolved == null ? AlertState.ACTIVE : AlertState.RESOLVED).severity(sev).level("l").raisedAt(raised)
                .updatedAt(raised).resolvedAt(resolved);
        return (acked == null ? b : b.acknowledged("p", acked)).build();
    }

    /** {@code first} as a later event of it carries it: resolved and acknowledged at these instants (null: not yet). */
    static Alert later(Alert first, Instant resolved, Instant acked) {
        return alert(first.id(), first.hazard(), first.zone(), first.severity(), first.raisedAt(), resolved, acked);
    }

    static AlertEvent ev(AlertEventType type, int seq, Instant at, Alert a) {
        return new AlertEvent(a.id() + "/" + type + "/" + seq + at, a.id(), type, seq, at, a, null);
    }

    static Delivery d(String id, Instant at, DeliveryStatus s, String provider, String... alerts) {
        return Delivery.intent(id, List.of(alerts), "0", "rec", "+223****0001", 1, at, provider).outcome(s, at, null, null, null, 1);
    }

    static AlertResponse action(String alert, Instant at) {
        return new AlertResponse("x-" + alert + at, alert, null, AlertResponse.Kind.ACTION, "mediation", null, null, null, "officer",
                Source.HTTP, true, at);
    }

    static AlertResponse outcome(String alert, Instant at, Source src, Verdict v, Violence vi, Boolean moved) {
        return new AlertResponse("o-" + alert + at, alert, null, AlertResponse.Kind.OUTCOME, null, v, vi, moved, "p", src, true, at);
    }

    static CommunityReport report(String id, Instant at, String reporter, Source src) {
        return new CommunityReport(id, src, at, at, reporter, true, ReportType.CLASH, "konna", null, null, "x");
    }

    final Map<String, Zone> zones = new LinkedHashMap<>();
    final List<AlertEvent> alerts = new ArrayList<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<AlertResponse> responses = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();
    final List<TriageMessage> triage = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();

    MonthlyReportTest() {
        for (Zone z : List.of(zone("region-mopti", ZoneKind.REGION, "Mopti", null), zone("konna", ZoneKind.COMMUNE, "Konna", "region-mopti"),
                zone("mopti", ZoneKind.STATION, "Mopti", "region-mopti"), zone("region-niamey", ZoneKind.REGION, "Niamey", null),
                zone("niamey", ZoneKind.STATION, "Niamey", "region-niamey"))) {
            zones.put(z.id(), z);
        }
        // A1: conflict at Konna, raised, escalated after 20 min, acknowledged after 30 min, resolved the next day
        Alert a1 = alert("a1", Hazard.CONFLICT, "konna", Severity.Severe, t("08-05T10:00"), null, null);
        alerts.add(ev(AlertEventType.RAISED, 1, t("08-05T10:00"), a1));
        alerts.add(ev(AlertEventType.ESCALATED, -1, t("08-05T10:20"), a1));
        alerts.add(ev(AlertEventType.UNVERIFIED_ACK, -1, t("08-05T10:25"), a1));
        alerts.add(ev(AlertEventType.ACKNOWLEDGED, 2, t("08-05T10:31"), later(a1, null, t("08-05T10:30"))));
        alerts.add(ev(AlertEventType.ACKNOWLEDGED, 3, t("08-05T11:00"), later(a1, null, t("08-05T10:30"))));
        alerts.add(ev(AlertEventType.RESOLVED, 4, t("08-06T10:00"), later(a1, t("08-06T10:00"), t("08-05T10:30"))));
        // A2: flood at the Mopti station, raised on 31 August, acknowledged 130 min later on 1 September, resolved on the 2nd
        Alert a2 = alert("a2", Hazard.FLOOD, "mopti", Severity.Extreme, t("08-31T22:00"), null, null);
        alerts.add(ev(AlertEventType.RAISED, 1, t("08-31T22:00"), a2));
        alerts.add(ev(AlertEventType.ACKNOWLEDGED, 2, t("09-01T00:10"), later(a2, null, t("09-01T00:10"))));
        alerts.add(ev(AlertEventType.RESOLVED, 3, t("09-02T00:00"), later(a2, t("09-02T00:00"), t("09-01T00:10"))));
        // A3: flood at Mopti, raised Moderate, resolved after an hour, acknowledged 30 min after resolution
        Alert a3 = alert("a3", Hazard.FLOOD, "mopti", Severity.Moderate, t("08-10T08:00"), null, null);
        alerts.add(ev(AlertEventType.RAISED, 1, t("08-10T08:00"), a3));
        alerts.add(ev(AlertEventType.RESOLVED, 2, t("08-10T09:00"), later(a3, t("08-10T09:00"), null)));
        alerts.add(ev(AlertEventType.ACKNOWLEDGED, 3, t("08-10T09:30"), later(a3, t("08-10T09:00"), t("08-10T09:30"))));
        // A4: conflict at Niamey, raised in July
        alerts.add(ev(AlertEventType.RAISED, 1, t("07-28T12:00"), alert("a4", Hazard.CONFLICT, "niamey", Severity.Minor,
                t("07-28T12:00"), null, null)));

        deliveries.add(d("d1", t("08-05T10:00"), DeliveryStatus.QUEUED, "local-sink", "a1"));
        deliveries.add(d("d1", t("08-05T10:00"), DeliveryStatus.SENT, "local-sink", "a1"));
        deliveries.add(d("d1", t("08-05T10:01"), DeliveryStatus.DELIVERED, "local-sink", "a1"));
        deliveries.add(d("d2", t("08-10T08:00"), DeliveryStatus.FAILED, null, "a1", "a3"));
        deliveries.add(d("d3", t("08-31T22:01"), DeliveryStatus.SENT, null, "a2"));
        deliveries.add(d("d3", t("09-01T01:00"), DeliveryStatus.UNDELIVERED, null, "a2"));
        deliveries.add(d("d4", t("07-28T12:01"), DeliveryStatus.DELIVERED, null, "a4"));

        responses.add(action("a1", t("08-05T12:00")));
        responses.add(action("a1", t("08-06T09:00")));
        responses.add(outcome("a1", t("08-06T12:00"), Source.SMS, Verdict.FALSE_ALARM, null, null));
        responses.add(outcome("a1", t("08-07T12:00"), Source.HTTP, Verdict.CONFIRMED, Violence.INJURIES, null));
        responses.add(outcome("a1", t("08-08T12:00"), Source.SMS, Verdict.FALSE_ALARM, null, null));
        responses.add(outcome("a3", t("08-11T12:00"), Source.HTTP, Verdict.FALSE_ALARM, null, false));
        // a stranger's FAUX and FAIT: ingest stored them unverified, the ledger check never verified them: they count nowhere
        responses.add(new AlertResponse("sms-stranger1", "a2", null, AlertResponse.Kind.OUTCOME, null, Verdict.FALSE_ALARM, null, null,
                "p-stranger", Source.SMS, false, t("08-09T12:00")));
        responses.add(new AlertResponse("sms-stranger2", "a2", null, AlertResponse.Kind.ACTION, "rien", null, null, null,
                "p-stranger", Source.SMS, false, t("08-09T12:05")));
        responses.add(outcome("a2", t("09-03T12:00"), Source.HTTP, Verdict.CONFIRMED, null, true));
        responses.add(action("a4", t("08-01T12:00")));

        observations.add(report("o1", t("08-05T09:00"), "p1", Source.SMS));
        observations.add(report("o2", t("08-06T09:00"), "p1", Source.SMS));
        observations.add(report("o0", t("07-30T09:00"), "p9", Source.SMS));
        observations.add(new GaugeReading("g1", Source.HTTP, t("08-10T07:00"), t("08-10T07:00"), null, true, "mopti", 640));
        observations.add(new HerdPosition("h1", Source.MQTT, t("08-20T07:00"), t("08-20T07:00"), "p2", true, "h", 14, -4, 100,
                Species.CATTLE, null, null, null, "konna", null));
        triage.add(new TriageMessage("t1", Source.SMS, t("08-07T07:00"), "p3", false, "bagarre konna", "fr", "konna", "Konna",
                ReportType.CLASH, List.of("bagarre"), "free text"));
        rejected.add(new Rejected("r1", Source.SMS, "/sms/inbound", t("08-08T07:00"), "unknown-command", "x", "x", "p4"));
    }

    MonthlyReport.Report report(YearMonth month, String region) {
        return report(month, region, NOW);
    }

    ReportInputs inputs() {
        return new ReportInputs(alerts, deliveries, responses, observations, triage, rejected, zones);
    }

    MonthlyReport.Report report(YearMonth month, String region, Instant asOf) {
        return MonthlyReport.compute(inputs(), month,
                region, ZoneOffset.UTC, asOf, MonthlyReport.DEFAULT_SETTLE);
    }

    static Map<String, Number> row(MonthlyReport.Report r, String region, String hazard) {
        return r.rows().stream().filter(x -> x.region().equals(region) && x.hazard().equals(hazard)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + region + "/" + hazard + " in " + r.rows())).indicators();
    }

    @Test
    void theMonthsAlertsCarryTheirAcknowledgementsAndEscalationsWheneverTheyCame() {
        MonthlyReport.Report r = report(AUG, null);
        Map<String, Number> conflict = row(r, "region-mopti", "conflict");
        assertEquals(1, conflict.get("alertsRaised"));
        assertEquals(1, conflict.get("alertsSevere"));
        assertEquals(1, conflict.get("alertsAcknowledged"), "two ACKNOWLEDGED events, one alert");
        assertEquals(30.0, conflict.get("ackMedianMinutes"), "timed from raising to the first acknowledgement");
        assertEquals(1, conflict.get("escalations"));
        assertEquals(1, conflict.get("unverifiedAcks"));
        assertEquals(0, conflict.get("ackAfterResolution"));
        Map<String, Number> flood = row(r, "region-mopti", "flood");
        assertEquals(2, flood.get("alertsRaised"), "a2 raised on 31 August counts in August");
        assertEquals(1, flood.get("alertsExtreme"));
        assertEquals(1, flood.get("alertsModerate"));
        assertEquals(2, flood.get("alertsAcknowledged"), "a2's acknowledgement on 1 September belongs to its August alert");
        assertEquals(1, flood.get("ackAfterResolution"), "a3 was acknowledged 30 min after it ended");
        assertEquals(90.0, flood.get("ackMedianMinutes"));
        assertEquals(130.0, flood.get("ackP90Minutes"), "a2: 22:00 to 00:10 across the month's end");
        assertEquals(List.of(90.0, 130.0), r.ackMinutes().get("flood"));
        assertEquals(3, r.total().indicators().get("alertsRaised"), "a4 was raised in July");
        assertEquals(List.of(90.0, 130.0), List.of(r.total().indicators().get("ackMedianMinutes"),
                r.total().indicators().get("ackP90Minutes")));
        assertTrue(r.closed());
        assertEquals(MonthlyReport.FINAL, r.status());
        assertEquals(Instant.parse("2026-10-01T00:00:00Z"), r.settledAt(), "30 days after the month's end");
        assertEquals(r.settledAt(), r.asOf(), "a closed month is cut off at its settling instant, not at the time asked");
        assertEquals(Instant.parse("2026-08-01T00:00:00Z"), r.from());
        assertEquals(Instant.parse("2026-09-01T00:00:00Z"), r.to());
    }

    @Test
    void theNextMonthDoesNotCountTheFollowUpsOfTheLastMonthsAlerts() {
        MonthlyReport.Report sep = report(YearMonth.of(2026, 9), null);
        assertEquals(0, sep.total().indicators().get("alertsRaised"));
        assertEquals(0, sep.total().indicators().get("alertsAcknowledged"));
        assertEquals(0, sep.total().indicators().get("outcomeConfirmed"));
        assertEquals(0, sep.total().indicators().get("smsFailed"), "d3 failed in September but belongs to a2");
        assertEquals(List.of(), sep.rows());
        assertFalse(report(YearMonth.of(2026, 12), null).closed(), "December is not over on 1 December");
        MonthlyReport.Report nov = report(YearMonth.of(2026, 11), null);
        assertFalse(nov.closed(), "November ended yesterday: its follow-ups still count until 31 December");
        assertEquals(MonthlyReport.PROVISIONAL, nov.status());
        assertEquals(NOW, nov.asOf());
        assertTrue(ReportFormats.csv(nov).lines().skip(1).allMatch(l -> l.startsWith("2026-11,provisional,")), ReportFormats.csv(nov));
        assertTrue(ReportHtml.render(nov, "en").contains("Provisional: follow-ups still count until 2026-12-31T00:00:00Z"));
        assertTrue(ReportFormats.json(nov).contains("\"status\" : \"provisional\""), ReportFormats.json(nov));
    }

    @Test
    void smsAreCountedOncePerDeliveryByTheirLatestStatus() {
        MonthlyReport.Report r = report(AUG, null);
        Map<String, Number> conflict = row(r, "region-mopti", "conflict");
        assertEquals(1, conflict.get("smsSent"));
        assertEquals(1, conflict.get("smsDelivered"));
        assertEquals(1, conflict.get("smsFailed"), "d2 grouped a1 and a3 and failed");
        assertEquals(1, conflict.get("smsLocalSink"));
        Map<String, Number> flood = row(r, "region-mopti", "flood");
        assertEquals(1, flood.get("smsSent"), "d3 sent, then undelivered");
        assertEquals(0, flood.get("smsDelivered"));
        assertEquals(2, flood.get("smsFailed"));
        Map<String, Number> total = r.total().indicators();
        assertEquals(2, total.get("smsSent"));
        assertEquals(1, total.get("smsDelivered"));
        assertEquals(2, total.get("smsFailed"), "d2 counted once in the total");
        assertEquals(1, row(report(YearMonth.of(2026, 7), null), "region-niamey", "conflict").get("smsDelivered"), "d4 is July's");
    }

    @Test
    void actionsAndOutcomesOfficersOverruleSmsViews() {
        MonthlyReport.Report r = report(AUG, null);
        Map<String, Number> conflict = row(r, "region-mopti", "conflict");
        assertEquals(2, conflict.get("actions"));
        assertEquals(1, conflict.get("alertsWithAction"));
        assertEquals(120.0, conflict.get("firstActionMedianMinutes"));
        assertEquals(1, conflict.get("outcomeConfirmed"), "the officer's verdict wins over the later SMS view");
        assertEquals(0, conflict.get("outcomeFalseAlarm"));
        assertEquals(2, conflict.get("falseAlarmViewsBySms"));
        assertEquals(1, conflict.get("violenceInjuries"));
        Map<String, Number> flood = row(r, "region-mopti", "flood");
        assertEquals(1, flood.get("outcomeFalseAlarm"));
        assertEquals(1, flood.get("outcomeConfirmed"), "a2 judged in September");
        assertEquals(1, flood.get("peopleMovedNo"));
        assertEquals(1, flood.get("peopleMovedYes"));
        assertEquals(0, flood.get("alertsWithoutOutcome"));
        assertEquals(1, row(report(AUG, null, t("09-02T00:00")), "region-mopti", "flood").get("alertsWithoutOutcome"),
                "before a2 was judged");
        assertNull(flood.get("firstActionMedianMinutes"));
        Map<String, Number> niamey = row(report(YearMonth.of(2026, 7), null), "region-niamey", "conflict");
        assertEquals(1, niamey.get("alertsRaised"));
        assertEquals(1, niamey.get("alertsWithAction"), "an action in August on a July alert");
        assertEquals(4 * 1440.0, niamey.get("firstActionMedianMinutes"));
    }

    @Test
    void reportsByChannelFocalPointsTriageAndRejections() {
        MonthlyReport.Report r = report(AUG, null);
        Map<String, Number> conflict = row(r, "region-mopti", "conflict");
        assertEquals(2, conflict.get("reportsSms"), "the July report is not counted");
        assertEquals(1, conflict.get("reportsMqtt"));
        assertEquals(1, conflict.get("triaged"));
        assertEquals(3, conflict.get("focalPoints"), "p1 twice, p2, p3 (triage)");
        assertEquals(1, row(r, "region-mopti", "flood").get("reportsApi"));
        assertEquals(1, row(r, "unknown", "unknown").get("rejected"));
        assertEquals(List.of("2026-W31", "2026-W32", "2026-W33", "2026-W34", "2026-W35", "2026-W36"),
                r.weeks().stream().map(MonthlyReport.Week::week).toList());
        assertEquals(Map.of("conflict", 1), r.weeks().get(1).alerts());
        assertEquals(Map.of("flood", 1), r.weeks().get(5).alerts(), "31 August is in week 36");
    }

    @Test
    void aReportWrittenTwiceWithTheSameIdCountsOnce() {
        observations.add(observations.get(0)); // the same record again, as after an ingest crash
        Map<String, Number> conflict = row(report(AUG, null), "region-mopti", "conflict");
        assertEquals(2, conflict.get("reportsSms"), "o1 once, o2");
    }

    @Test
    void aRegionFilterKeepsOnlyItsRows() {
        MonthlyReport.Report niamey = report(YearMonth.of(2026, 7), "niamey");
        assertEquals(List.of("region-niamey"), niamey.rows().stream().map(MonthlyReport.Row::region).distinct().toList());
        assertEquals("Niamey", niamey.rows().get(0).regionName());
        assertEquals(1, niamey.total().indicators().get("alertsWithAction"));
        assertEquals(0, report(AUG, "region-niamey").total().indicators().get("alertsRaised"));
        assertEquals(2, report(AUG, "mopti").total().indicators().get("reportsSms"));
    }

    @Test
    void theSameCutOffGivesTheSameFiguresWhateverCameLater() {
        Instant issued = t("09-15T00:00");
        MonthlyReport.Report before = report(AUG, null, issued);
        responses.add(outcome("a3", t("10-01T12:00"), Source.HTTP, Verdict.CONFIRMED, null, true));
        alerts.add(ev(AlertEventType.ESCALATED, -1, t("10-01T12:00"), alert("a3", Hazard.FLOOD, "mopti", Severity.Moderate,
                t("08-10T08:00"), t("08-10T09:00"), t("08-10T09:30"))));
        deliveries.add(d("d9", t("10-01T12:00"), DeliveryStatus.DELIVERED, null, "a3"));
        observations.add(report("o9", t("10-02T09:00"), "p7", Source.SMS));
        assertEquals(before.rows(), report(AUG, null, issued).rows(), "later events leave the report as of its cut-off unchanged");
        assertEquals(ReportFormats.csv(before), ReportFormats.csv(report(AUG, null, issued)));
        Map<String, Number> now = row(report(AUG, null, t("09-30T23:00")), "region-mopti", "flood");
        assertEquals(1, now.get("outcomeConfirmed"), "October's verdict on a3 comes after August settled (30 September)");
        Map<String, Number> longer = row(MonthlyReport.compute(inputs(), AUG, null, ZoneOffset.UTC, NOW, Duration.ofDays(60)),
                "region-mopti", "flood");
        assertEquals(2, longer.get("outcomeConfirmed"), "with 60 days to settle, the officer's October verdict on a3 counts");
        assertEquals(1, longer.get("escalations"));
        assertEquals(1, longer.get("smsDelivered"));
    }

    @Test
    void aClosedMonthsReportIsIdenticalHoweverLateItIsAskedAndWhateverIsRecordedAfter() {
        String json = ReportFormats.json(report(AUG, null, t("10-01T00:00")));
        String csv = ReportFormats.csv(report(AUG, null, t("10-01T00:00")));
        String html = ReportHtml.render(report(AUG, null, t("10-01T00:00")), "fr");
        // late events, all after 30 September: an acknowledgement, an escalation, an SMS, an action and a verdict on August
        // alerts; a report observed in August but received in October
        alerts.add(ev(AlertEventType.ACKNOWLEDGED, 4, t("10-02T08:00"), alert("a3", Hazard.FLOOD, "mopti", Severity.Moderate,
                t("08-10T08:00"), t("10-02T08:00"), t("08-10T09:30"))));
        alerts.add(ev(AlertEventType.ESCALATED, -1, t("10-03T12:00"), alert("a1", Hazard.CONFLICT, "konna", Severity.Severe,
                t("08-05T10:00"), null, null)));
        deliveries.add(d("d10", t("10-05T12:00"), DeliveryStatus.DELIVERED, null, "a1"));
        responses.add(action("a3", t("11-01T12:00")));
        responses.add(outcome("a1", t("11-02T12:00"), Source.HTTP, Verdict.FALSE_ALARM, null, null));
        observations.add(new CommunityReport("o-late", Source.SMS, t("08-20T09:00"), t("10-04T09:00"), "p8", true, ReportType.CLASH,
                "konna", null, null, "late"));
        for (Instant asked : List.of(t("10-01T00:00"), t("12-01T00:00"), Instant.parse("2030-01-01T00:00:00Z"))) {
            assertEquals(json, ReportFormats.json(report(AUG, null, asked)), "JSON asked " + asked);
            assertEquals(csv, ReportFormats.csv(report(AUG, null, asked)), "CSV asked " + asked);
            assertEquals(html, ReportHtml.render(report(AUG, null, asked), "fr"), "HTML asked " + asked);
        }
        assertTrue(csv.lines().skip(1).allMatch(l -> l.startsWith("2026-08,final,")), csv);
        assertTrue(html.contains("Définitif"), html);
        MonthlyReport.Report open = report(AUG, null, t("09-20T00:00"));
        assertEquals(MonthlyReport.PROVISIONAL, open.status(), "asked before it settled, the month was provisional");
    }

    @Test
    void csvHasAHeaderOneLinePerRowAndTheTotal() {
        String csv = ReportFormats.csv(report(AUG, null));
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("month,status,region,regionName,hazard,alertsRaised,"), lines.get(0));
        assertEquals(5 + Indicators.COLUMNS.size(), lines.get(0).split(",").length);
        assertEquals(report(AUG, null).rows().size() + 2, lines.size());
        assertTrue(lines.get(lines.size() - 1).startsWith("2026-08,final,all,,all,3,"), lines.get(lines.size() - 1));
        assertFalse(csv.contains("null"));
    }
}
