package org.bourtol.notifier.dryrun;

import org.bourtol.contracts.alert.AlertState;
import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertEventType;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.escalation.EscalationPolicy;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.sms.Templates;
import org.junit.jupiter.api.Test;

/** The notifier's planner, grouper and templates on a simulated clock: what a list of alert events would text. */
class DryRunTest {

    static final List<Zone> ZONES = List.of(zone("region-niamey", ZoneKind.REGION, "Niamey", null),
            zone("niamey", ZoneKind.STATION, "Niamey", "region-niamey"), zone("mopti", ZoneKind.STATION, "Mopti", null));
    static final Recipient CIVIL = recipient("pc-niamey", "authority", "+22790000005", "fr", List.of("niamey"), List.of(Hazard.FLOOD),
            Severity.Moderate, null);
    static final Recipient GOVERNOR = recipient("gov-niamey", "authority", "+22790000006", "fr", List.of("region-niamey"),
            List.of(Hazard.FLOOD), Severity.Severe, null);
    static final Recipient MOPTI = recipient("pc-mopti", "authority", "+22376000004", "fr", List.of("mopti"), List.of(Hazard.FLOOD),
            Severity.Minor, null);

    static DryRun dryRun(int maxRepeats, int maxPerHour) {
        EscalationPolicy policy = new EscalationPolicy(List.of(new EscalationPolicy.Rule(Hazard.FLOOD, Severity.Minor, maxRepeats, List.of())));
        return new DryRun(new Planner(policy, Duration.ofHours(6)), Duration.ofSeconds(30), maxPerHour, ZoneOffset.UTC, new Templates());
    }

    static AlertEvent step(String id, String zone, Severity severity, AlertState state, AlertEventType type, int seq, Instant at) {
        Alert a = alert(id, "K7M", Hazard.FLOOD, zone, severity, state, false);
        return new AlertEvent(id + "/" + type + "/" + seq, id, type, seq, at, a, null);
    }

    @Test
    void raiseRiseAndResolveTextWhoFollowsTheZoneAtTheirSeverity() {
        List<AlertEvent> events = List.of(
                step("a1", "niamey", Severity.Moderate, AlertState.ACTIVE, AlertEventType.RAISED, 1, T0),
                step("a1", "niamey", Severity.Severe, AlertState.ACTIVE, AlertEventType.UPDATED, 2, T0.plus(Duration.ofHours(2))),
                step("a1", "niamey", Severity.Severe, AlertState.RESOLVED, AlertEventType.RESOLVED, 3, T0.plus(Duration.ofHours(4))));
        List<DryRun.Count> counts = dryRun(0, 100).run(events, List.of(CIVIL, GOVERNOR, MOPTI), ZONES, T0.plus(Duration.ofDays(2)));
        // civil protection: first notice, the rise to Severe, the all-clear; the governor: Severe, then the all-clear
        assertEquals(List.of(new DryRun.Count("gov-niamey", "gov-niamey name", 2, 2, T0.plus(Duration.ofHours(2)).plusSeconds(30)),
                new DryRun.Count("pc-niamey", "pc-niamey name", 3, 3, T0.plusSeconds(30))), counts);
    }

    @Test
    void repeatsWhileUnacknowledgedAndTheHourlyThrottleOnAFixedClock() {
        List<AlertEvent> events = List.of(
                step("a1", "niamey", Severity.Moderate, AlertState.ACTIVE, AlertEventType.RAISED, 1, T0),
                step("a1", "niamey", Severity.Moderate, AlertState.RESOLVED, AlertEventType.RESOLVED, 2, T0.plus(Duration.ofHours(13))));
        // repeats every 6 h (at most 3): at 6 h and 12 h, then the all-clear at 13 h
        assertEquals(List.of(new DryRun.Count("pc-niamey", "pc-niamey name", 4, 4, T0.plusSeconds(30))),
                dryRun(3, 100).run(events, List.of(CIVIL), ZONES, T0.plus(Duration.ofDays(1))));
        // ten alerts in twenty seconds to one recipient: grouped (4 per SMS) and at most 2 SMS in the hour
        List<AlertEvent> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(step("b" + i, "mopti", Severity.Moderate, AlertState.ACTIVE, AlertEventType.RAISED, 1, T0.plus(Duration.ofSeconds(2L * i))));
        }
        List<DryRun.Count> throttled = dryRun(0, 2).run(burst, List.of(MOPTI), ZONES, T0.plus(Duration.ofMinutes(50)));
        assertEquals(2, throttled.get(0).sms());
        List<DryRun.Count> free = dryRun(0, 100).run(burst, List.of(MOPTI), ZONES, T0.plus(Duration.ofHours(2)));
        assertEquals(true, free.get(0).sms() >= 3 && free.get(0).sms() < 10, free.toString());
    }
}
