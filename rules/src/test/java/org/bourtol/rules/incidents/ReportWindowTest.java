package org.bourtol.rules.incidents;

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
import org.bourtol.rules.Fixtures;
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

    /** Reports as "TYPE:verified:hoursAfterT" separated by spaces, then the expected last verdict. */
    @ParameterizedTest
    @CsvSource({
            "'TENSION:true:0',                                   pending",
            "'TENSION:true:0 THEFT:true:1 TENSION:true:2',       fire",
            "'TENSION:false:0 THEFT:false:1 TENSION:true:2',     pending",
            "'TENSION:false:0 TENSION:false:1 THEFT:true:1 TENSION:true:2', fire",
            "'TENSION:true:0 THEFT:true:1 TENSION:true:60',      pending",
            "'CLASH:false:0',                                    clash",
            "'FLOOD:true:0',                                     clear",
            "'TENSION:true:0 FLOOD:true:1 FLOOD:true:2',         pending",
    })
    void weightedReportsInTheWindow(String reports, String expected) {
        ReportWindowRule.State s = ReportWindowRule.State.INITIAL;
        Verdict v = Verdict.CLEAR;
        for (String r : reports.split(" ")) {
            String[] f = r.split(":");
            Instant at = T.plus(Duration.ofHours(Integer.parseInt(f[2])));
            Step<ReportWindowRule.State> step = ReportWindowRule.step(s,
                    report("konna", ReportType.valueOf(f[0]), Boolean.parseBoolean(f[1]), "r-0000000000000001", at), P, at);
            s = step.state();
            v = step.verdict();
        }
        String got = v instanceof Verdict.Fire f ? f.level() : v instanceof Verdict.Pending ? "pending" : "clear";
        assertEquals(expected, got);
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = new TopologyHarness(Duration.ofHours(6));

        private void rules(int threshold) {
            h.rule(Fixtures.rule("{'id':'delta-incidents','type':'incident-cluster','enabled':true,'zones':['konna','djenne'],"
                    + "'params':{'threshold':" + threshold + ",'windowHours':48},'severity':{'fire':'Severe','clash':'Extreme'}}"));
            h.rule(Fixtures.rule("{'id':'delta-flood-reports','type':'community-flood-reports','enabled':true,'zones':['mopti-ville'],"
                    + "'params':{'threshold':2,'windowHours':24},'severity':{'fire':'Severe'}}"));
        }

        @Test
        void reportsNamingAFarmInsideTheCommuneCountForTheCommuneAndCorruptRecordsAreSkipped() {
            rules(3);
            h.corrupt();
            h.observe(report("konna", ReportType.TENSION, true, "r-a", T), report("farm-konna-rice", ReportType.THEFT, true, "r-b", T.plusSeconds(600)));
            assertTrue(h.drain().isEmpty());
            h.observe(report("farm-konna-rice", ReportType.DAMAGE, true, "r-c", T.plusSeconds(900)));
            assertEquals("konna", h.drain().get(0).alert().zone());
        }

        @Test
        void clusterFiresWithLateReportAndReporterPseudonymsAsEvidence() {
            rules(3);
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
        void aSingleClashFiresAndARuleChangeAppliesToTheNextReport() {
            rules(3);
            h.observe(report("djenne", ReportType.CLASH, false, "r-a", T));
            AlertEvent e = h.drain().get(0);
            assertEquals(Severity.Extreme, e.alert().severity());
            assertTrue(e.alert().headline().get("fr").startsWith("Affrontement signale a Djenné"), e.alert().headline().toString());
            rules(1);
            h.observe(report("konna", ReportType.THEFT, true, "r-b", T));
            assertEquals(AlertEventType.RAISED, h.drain().get(0).type(), "threshold lowered to 1");
        }

        @Test
        void anIncidentAlertResolvesWhenItsReportsLeaveTheWindowAndWhenItsRuleIsDeleted() {
            rules(1);
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
            rules(3);
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
