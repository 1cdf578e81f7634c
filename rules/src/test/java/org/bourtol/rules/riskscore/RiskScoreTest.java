package org.bourtol.rules.riskscore;

import static org.bourtol.rules.Fixtures.herd;
import static org.bourtol.rules.Fixtures.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.rules.TopologyHarness;
import org.bourtol.rules.engine.Step;
import org.bourtol.rules.engine.Verdict;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RiskScoreTest {

    static final Instant T = Instant.parse("2020-12-01T08:00:00Z");
    private static final RiskScoreRule.Params P = new RiskScoreRule.Params(
            Map.of("incident-cluster", 3.0, "herd-in-protected-zone", 2.0), 2, 4, 6);

    @Test
    void activeIndicatorsAddUpAndClearingLowersTheLevel() {
        Step<RiskScoreRule.State> s = RiskScoreRule.step(RiskScoreRule.State.INITIAL,
                new RiskScoreRule.Input("herd-in-protected-zone", "farm|konna", "h1", true, T), P, T);
        assertEquals("yellow", ((Verdict.Fire) s.verdict()).level());
        s = RiskScoreRule.step(s.state(), new RiskScoreRule.Input("herd-in-protected-zone", "farm|konna", "h2", true, T), P, T);
        assertEquals("2", ((Verdict.Fire) s.verdict()).measure(), "one indicator, however many herds");
        s = RiskScoreRule.step(s.state(), new RiskScoreRule.Input("incident-cluster", "inc|konna", "konna", true, T), P, T);
        assertEquals("orange", ((Verdict.Fire) s.verdict()).level());
        s = RiskScoreRule.step(s.state(), new RiskScoreRule.Input("incident-cluster", "inc|konna", "konna", false, T), P, T);
        s = RiskScoreRule.step(s.state(), new RiskScoreRule.Input("herd-in-protected-zone", "farm|konna", "h1", false, T), P, T);
        assertEquals("yellow", ((Verdict.Fire) s.verdict()).level());
        s = RiskScoreRule.step(s.state(), new RiskScoreRule.Input("herd-in-protected-zone", "farm|konna", "h2", false, T), P, T);
        assertInstanceOf(Verdict.Clear.class, s.verdict());
    }

    @Nested
    class Topology {
        @AutoClose
        private final TopologyHarness h = TopologyHarness.forRules(Duration.ofHours(2),
                "{'id':'farmland-protection','type':'herd-in-protected-zone','enabled':true,'zones':['farm-konna-rice']}",
                "{'id':'delta-incidents','type':'incident-cluster','enabled':true,'zones':['konna'],'params':{'threshold':2}}",
                "{'id':'delta-risk-score','type':'conflict-risk-score','enabled':true,'zones':['konna'],"
                        + "'params':{'weights':{'herd-in-protected-zone':2,'incident-cluster':3},'yellow':2,'orange':%s,'red':%s},"
                        + "'severity':{'yellow':'Minor','orange':'Moderate','red':'Severe'}}");

        private List<AlertEvent> scoreEvents() {
            return h.drain().stream().filter(e -> e.alert().rule().equals("delta-risk-score")).toList();
        }

        @Test
        void indicatorsInACommuneRaiseTheScoreWithLateDataCorruptRecordAndRuleChange() {
            h.publish(4, 14);
            h.corrupt();
            h.observe(herd("h1", 14.9036, -3.8589, 80, T));
            List<AlertEvent> events = scoreEvents();
            assertEquals(Severity.Minor, events.get(0).alert().severity());
            assertEquals("yellow", events.get(0).alert().level());
            h.observe(report("konna", ReportType.THEFT, true, "r-a", T.plusSeconds(1200)), report("konna", ReportType.TENSION, true, "r-b", T.plusSeconds(600)));
            events = scoreEvents();
            assertEquals("orange", events.get(events.size() - 1).alert().level());
            h.publish(8, 18);
            h.observe(herd("h1", 14.9036, -3.8589, 85, T.plusSeconds(1800)), report("konna", ReportType.THEFT, true, "r-c", T.plusSeconds(1900)));
            events = scoreEvents();
            assertEquals("yellow", events.get(events.size() - 1).alert().level(), "orange threshold raised to 8");
        }

        @Test
        void aStrangersClashCountsInTheScoreOnlyOnceConfirmed() {
            h.publish(4, 14);
            h.observe(report("konna", ReportType.CLASH, false, "r-stranger", T));
            assertEquals(List.of(), scoreEvents(), "a report to confirm is no indicator");
            h.observe(report("konna", ReportType.TENSION, false, "r-b", T.plusSeconds(60)));
            List<AlertEvent> events = scoreEvents();
            assertEquals("yellow", events.get(events.size() - 1).alert().level(), "confirmed by a second reporter: incident-cluster weighs 3");
        }
    }
}
