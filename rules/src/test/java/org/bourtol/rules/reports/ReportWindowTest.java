package org.bourtol.rules.reports;

import static org.bourtol.rules.Fixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.CommunityReport;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportWindowTest {

    static final Instant T = Instant.parse("2020-12-01T08:00:00Z");
    private static final ReportWindowRule.Params P = new ReportWindowRule.Params(
            Set.of(ReportType.CLASH, ReportType.TENSION, ReportType.THEFT), 3, Duration.ofHours(48), true, 0.5);

    /**
     * Reports as "TYPE:verified:hoursAfterT:reporter" separated by spaces, then the expected last
     * verdict. Weights count once per distinct reporter (the highest of its reports); a fire resting
     * on one unverified reporter alone is "unconfirmed".
     */
    @ParameterizedTest
    @CsvSource({
        "'TENSION:true:0:a',                                       pending",
        "'TENSION:true:0:a THEFT:true:1:b TENSION:true:2:c',       fire",
        "'TENSION:false:0:a THEFT:false:1:b TENSION:true:2:c',     pending",
        "'TENSION:false:0:a TENSION:false:1:b THEFT:true:1:c TENSION:true:2:d', fire",
        "'TENSION:true:0:a THEFT:true:1:b TENSION:true:60:c',      pending",
        "'FLOOD:true:0:a',                                         clear",
        "'TENSION:true:0:a FLOOD:true:1:b FLOOD:true:2:c',         pending",
        // one number sending six reports counts once, verified or not
        "'TENSION:false:0:a TENSION:false:1:a TENSION:false:2:a TENSION:false:3:a TENSION:false:4:a TENSION:false:5:a', pending",
        "'TENSION:true:0:a TENSION:true:1:a TENSION:true:2:a TENSION:true:3:a TENSION:true:4:a TENSION:true:5:a', pending",
        "'TENSION:true:0:a THEFT:true:1:a TENSION:true:2:b',       pending",
        "'TENSION:false:0:a TENSION:true:1:a TENSION:true:2:b THEFT:true:3:c', fire",
        "'TENSION:false:0:a TENSION:true:1:a TENSION:true:2:b THEFT:false:3:c', pending",
        // a clash: unconfirmed from one unverified reporter, confirmed by a verified report or a second reporter
        "'CLASH:false:0:a',                                        unconfirmed",
        "'CLASH:false:0:a CLASH:false:1:a TENSION:false:2:a',      unconfirmed",
        "'CLASH:true:0:a',                                         clash",
        "'CLASH:false:0:a TENSION:true:1:a',                       clash",
        "'CLASH:false:0:a TENSION:false:1:b',                      clash",
        "'CLASH:false:0:a TENSION:true:1:b',                       clash",
        "'CLASH:false:0:a CLASH:false:60:b',                       unconfirmed",
        "'CLASH:false:0:- CLASH:false:1:-',                        unconfirmed",
    })
    void weightedReportsPerDistinctReporterInTheWindow(String reports, String expected) {
        assertEquals(expected, run(reports, P));
    }

    /** A threshold an unverified reporter reaches alone gives a report to confirm, not a fire. */
    @ParameterizedTest
    @CsvSource({
        "'TENSION:false:0:a',                       unconfirmed",
        "'TENSION:false:0:a TENSION:false:1:a',     unconfirmed",
        "'TENSION:false:0:a TENSION:false:1:b',     fire",
        "'TENSION:true:0:a',                        fire",
    })
    void aLowThresholdReachedByOneUnverifiedReporterStaysUnconfirmed(String reports, String expected) {
        assertEquals(expected, run(reports, new ReportWindowRule.Params(Set.of(ReportType.TENSION), 0.5, Duration.ofHours(48), true, 0.5)));
    }

    private static String run(String reports, ReportWindowRule.Params p) {
        ReportWindowRule.State s = ReportWindowRule.State.INITIAL;
        Verdict v = Verdict.CLEAR;
        for (String r : reports.split(" ")) {
            String[] f = r.split(":");
            Instant at = T.plus(Duration.ofHours(Integer.parseInt(f[2])));
            Step<ReportWindowRule.State> step = ReportWindowRule.step(s,
                    report("konna", ReportType.valueOf(f[0]), Boolean.parseBoolean(f[1]), "-".equals(f[3]) ? null : "r-" + f[3], at), p, at);
            s = step.state();
            v = step.verdict();
        }
        return v instanceof Verdict.Fire f ? f.level() : v instanceof Verdict.Pending ? "pending" : "clear";
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(6),
                "{'id':'delta-incidents','type':'incident-cluster','enabled':true,'zones':['konna','djenne'],"
                        + "'params':{'threshold':%s,'windowHours':48},'severity':{'fire':'Severe','clash':'Extreme'}}",
                "{'id':'flood-reports','type':'community-flood-reports','enabled':true,'zones':['mopti-ville'],"
                        + "'params':{'threshold':2,'windowHours':24},'severity':{'fire':'Severe'}}");

        @Test
        void reportsNamingAFarmInsideTheCommuneCountForTheCommuneAndCorruptRecordsAreSkipped() {
            h.publish(3);
            h.corrupt();
            h.observe(report("konna", ReportType.TENSION, true, "r-a", T), report("farm-konna-rice", ReportType.THEFT, true, "r-b", T.plusSeconds(600)));
            assertTrue(h.drain().isEmpty());
            h.observe(report("farm-konna-rice", ReportType.DAMAGE, true, "r-c", T.plusSeconds(900)));
            assertEquals("konna", h.drain().get(0).alert().zone());
        }

        @Test
        void clusterFiresWithLateReportAndReporterPseudonymsAsEvidence() {
            h.publish(3);
            h.observe(report("konna", ReportType.TENSION, true, "r-a", T), report("konna", ReportType.THEFT, true, "r-b", T.plusSeconds(600)));
            h.observe(report("konna", ReportType.TENSION, true, "r-c", T.plusSeconds(60)));
            List<AlertEvent> events = h.drain();
            assertEquals(1, events.size());
            AlertEvent e = events.get(0);
            assertEquals(AlertEventType.RAISED, e.type());
            assertEquals("konna", e.alert().zone());
            assertEquals(Severity.Severe, e.alert().severity());
            assertEquals(List.of("r-a", "r-c", "r-b"), e.alert().evidence().stream().map(x -> x.reporterId()).toList());
        }

        @Test
        void aVerifiedClashFiresExtremeAtOnceAndARuleChangeAppliesToTheNextReport() {
            h.publish(3);
            h.observe(report("djenne", ReportType.CLASH, true, "r-a", T));
            AlertEvent e = h.drain().get(0);
            assertEquals(Severity.Extreme, e.alert().severity());
            assertEquals("clash", e.alert().level());
            assertTrue(e.alert().headline().get("fr").startsWith("Affrontement signale a Djenné"), e.alert().headline().toString());
            h.publish(1);
            h.observe(report("konna", ReportType.THEFT, true, "r-b", T));
            assertEquals(AlertEventType.RAISED, h.drain().get(0).type(), "threshold lowered to 1");
        }

        @Test
        void aStrangersClashIsAModerateReportToConfirmUntilASecondReporterConfirmsIt() {
            h.publish(3);
            h.observe(report("djenne", ReportType.CLASH, false, "r-stranger", T));
            AlertEvent e = h.drain().get(0);
            assertEquals(AlertEventType.RAISED, e.type());
            assertEquals(Severity.Moderate, e.alert().severity());
            assertEquals(ReportWindowRule.UNCONFIRMED, e.alert().level());
            assertEquals("A confirmer: affrontement signale a Djenné par un correspondant non verifie", e.alert().headline().get("fr"));
            assertEquals("To confirm: clash reported at Djenné by an unverified reporter", e.alert().headline().get("en"));
            h.observe(report("djenne", ReportType.CLASH, false, "r-stranger", T.plusSeconds(60)));
            assertTrue(h.drain().stream().allMatch(x -> x.alert().severity() == Severity.Moderate), "the same number again confirms nothing");
            h.observe(report("djenne", ReportType.TENSION, false, "r-neighbour", T.plusSeconds(120)));
            e = h.drain().get(0);
            assertEquals(AlertEventType.UPDATED, e.type());
            assertEquals(Severity.Extreme, e.alert().severity(), "a second distinct reporter confirms");
            assertEquals("clash", e.alert().level());
        }

        @Test
        void oneNumberSendingSixTensionReportsRaisesNothing() {
            h.publish(3);
            for (int i = 0; i < 6; i++) {
                h.observe(report("konna", ReportType.TENSION, i % 2 == 0, "r-same", T.plusSeconds(60L * i)));
            }
            assertTrue(h.drain().isEmpty());
            h.observe(report("konna", ReportType.THEFT, true, "r-b", T.plusSeconds(600)), report("konna", ReportType.DAMAGE, true, "r-c", T.plusSeconds(700)));
            assertEquals(Severity.Severe, h.drain().get(0).alert().severity(), "three distinct reporters reach the threshold");
        }

        @Test
        void anIncidentAlertResolvesWhenItsReportsLeaveTheWindowAndWhenItsRuleIsDeleted() {
            h.publish(1);
            h.observe(report("konna", ReportType.THEFT, true, "r-a", T), report("djenne", ReportType.THEFT, true, "r-b", T));
            assertEquals(2, h.drain().size());
            h.observe(org.bourtol.rules.Fixtures.gauge("gao", 300, T.plus(Duration.ofHours(30))));
            h.driver.advanceWallClockTime(Duration.ofSeconds(6));
            assertTrue(h.drain().isEmpty(), "30 h later both are still in the 48 h window");
            h.observe(report("djenne", ReportType.THEFT, true, "r-c", T.plus(Duration.ofHours(40))));
            h.observe(org.bourtol.rules.Fixtures.gauge("gao", 300, T.plus(Duration.ofHours(49))));
            h.driver.advanceWallClockTime(Duration.ofSeconds(6));
            List<AlertEvent> events = h.drain();
            assertEquals(List.of("konna"), events.stream().filter(e -> e.type() == AlertEventType.RESOLVED).map(e -> e.alert().zone()).toList(),
                    "konna's only report left the window; djenne has a newer one");
            h.rules.pipeInput("delta-incidents", null);
            h.driver.advanceWallClockTime(Duration.ofSeconds(6));
            events = h.drain();
            assertEquals(List.of("djenne"), events.stream().filter(e -> e.type() == AlertEventType.RESOLVED).map(e -> e.alert().zone()).toList(),
                    "a deleted rule clears its alerts");
        }

        @Test
        void floodReportsRaiseAFloodAlert() {
            h.publish(3);
            CommunityReport a = report("mopti-ville", ReportType.FLOOD, true, "r-a", T);
            CommunityReport b = report("mopti-ville", ReportType.FLOOD, false, "r-b", T.plusSeconds(60));
            CommunityReport c = report("mopti-ville", ReportType.FLOOD, false, "r-c", T.plusSeconds(120));
            h.observe(a, b);
            assertTrue(h.drain().isEmpty(), "1.5 of 2");
            h.observe(c);
            AlertEvent e = h.drain().get(0);
            assertEquals(Hazard.FLOOD, e.alert().hazard());
            assertEquals("mopti-ville", e.alert().zone());
        }
    }
}
