package org.bourtol.notifier.routing;

import static org.bourtol.notifier.Fixtures.MOPTI_ZONES;
import static org.bourtol.notifier.Fixtures.alert;
import static org.bourtol.notifier.Fixtures.recipient;
import static org.bourtol.notifier.Fixtures.zone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.QuietHours;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.ZoneKind;
import org.bourtol.contracts.observation.Hazard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {

    /** The Mopti zones and two pastures that are each other's parent. */
    static final ZoneHierarchy ZONES = ZoneHierarchy.of(Stream.concat(MOPTI_ZONES.stream(), Stream.of(
            zone("loop-a", ZoneKind.PASTURE, "A", "loop-b"),
            zone("loop-b", ZoneKind.PASTURE, "B", "loop-a"))).toList());

    @ParameterizedTest(name = "subscription {0} covers alert zone {1}: {2}")
    @CsvSource({
        "konna, farm-konna, true",
        "konna, konna, true",
        "cercle-mopti, farm-konna, true",
        "region-mopti, farm-konna, true",
        "region-mopti, wp-djenne, true",
        "djenne, farm-konna, false",
        "farm-konna, konna, false",
        "konna, wp-djenne, false",
        "loop-a, loop-b, true",
        "konna, unknown-zone, false",
        "unknown-zone, unknown-zone, true"})
    void zoneHierarchy(String subscribed, String alertZone, boolean covered) {
        assertEquals(covered, ZONES.covers(subscribed, alertZone));
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource({
        "conflict, Severe, farm-konna, 'committee,authority,all'",
        "conflict, Minor, farm-konna, 'all'",
        "flood, Extreme, farm-konna, 'flood-only,all'",
        "conflict, Severe, wp-djenne, 'authority,all'",
        "conflict, Extreme, wp-djenne, 'authority,all,extreme-only'"})
    void routingTable(String hazard, Severity severity, String zoneId, String expected) {
        List<Recipient> recipients = List.of(
                recipient("committee", "peace-committee", "+22376000001", "fr", List.of("konna"), List.of(Hazard.CONFLICT), Severity.Moderate, null),
                recipient("authority", "authority", "+22376000002", "fr", List.of("region-mopti"), List.of(Hazard.CONFLICT), Severity.Severe, null),
                recipient("flood-only", null, "+22376000003", "en", List.of("konna"), List.of(Hazard.FLOOD), null, null),
                recipient("all", null, "+22376000004", "fr", List.of("region-mopti"), null, null, null),
                recipient("extreme-only", null, "+22376000005", "fr", List.of("djenne"), null, Severity.Extreme, null),
                new Recipient("no-sms", "x", null, "+22376000006", "fr", List.of("region-mopti"), null, null, List.of("mqtt"), null, null),
                recipient("deactivated", null, "+22376000007", "fr", List.of("region-mopti"), null, null, null).withActive(false));
        Alert a = alert("a1", "K1", Hazard.fromWire(hazard), zoneId, severity, AlertState.ACTIVE, false);
        String routed = Routing.route(a, recipients, ZONES).stream().map(Recipient::id).sorted().collect(Collectors.joining(","));
        assertEquals(Stream.of(expected.split(",")).sorted().collect(Collectors.joining(",")), routed);
    }

    @Test
    void aDeactivatedAuthorityIsNoEscalationTarget() {
        Recipient mayor = recipient("mayor", "authority", "+22376000008", "fr", List.of("konna"), null, null, null);
        Recipient former = recipient("former-mayor", "authority", "+22376000009", "fr", List.of("konna"), null, null, null).withActive(false);
        assertEquals(List.of(mayor), Routing.byRole("authority", "konna", "farm-konna", Hazard.CONFLICT, List.of(mayor, former), ZONES));
        assertEquals(List.of(), Routing.byRole("authority", "konna", "farm-konna", Hazard.CONFLICT, List.of(former), ZONES));
    }

    @Test
    void escalationScopeFallsBackToTheNextAdministrativeLevel() {
        assertEquals(Optional.of("cercle-mopti"), ZONES.adminAncestor("farm-konna", ZoneKind.CERCLE));
        assertEquals(Optional.of("region-mopti"), ZONES.adminAncestor("wp-djenne", ZoneKind.CERCLE));
        assertEquals(Optional.of("konna"), ZONES.adminAncestor("farm-konna", ZoneKind.COMMUNE));
        assertEquals(Optional.empty(), ZONES.adminAncestor("loop-a", ZoneKind.REGION));
    }

    @ParameterizedTest(name = "{0} UTC, severity {1} -> held until {2}")
    @CsvSource({
        "2026-09-10T21:59:00Z, Severe, ''",
        "2026-09-10T22:00:00Z, Severe, 2026-09-11T06:00:00Z",
        "2026-09-11T03:00:00Z, Moderate, 2026-09-11T06:00:00Z",
        "2026-09-11T05:59:59Z, Minor, 2026-09-11T06:00:00Z",
        "2026-09-11T06:00:00Z, Severe, ''",
        "2026-09-11T03:00:00Z, Extreme, ''"})
    void quietHoursWrapMidnightAndExtremeIgnoresThem(Instant now, Severity severity, String until) {
        Recipient r = recipient("q", null, "+22376000001", "fr", List.of("konna"), null, null, new QuietHours("22:00", "06:00"));
        Optional<Instant> held = QuietHoursPolicy.heldUntil(r, severity, now, ZoneId.of("Africa/Bamako"));
        assertEquals(until.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(until)), held);
    }

    @Test
    void quietHoursUseTheRecipientTimezone() {
        Recipient niamey = new Recipient("n", "n", null, "+22790000001", "fr", List.of("x"), null, null, null,
                new QuietHours("22:00", "06:00"), "Africa/Niamey");
        assertEquals(Optional.of(Instant.parse("2026-09-11T05:00:00Z")),
                QuietHoursPolicy.heldUntil(niamey, Severity.Severe, Instant.parse("2026-09-10T21:30:00Z"), ZoneId.of("Africa/Bamako")));
        assertEquals(Map.of(), Map.of());
    }
}
