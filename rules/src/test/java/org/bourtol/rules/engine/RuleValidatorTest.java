package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.rules.Families;
import org.bourtol.rules.Fixtures;
import org.bourtol.rules.dataset.DefaultDataset;
import org.bourtol.rules.passage.PassageFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What an officer is told when a rule PUT is refused, against the default zones. */
class RuleValidatorTest {

    private static final Map<String, Zone> ZONES = DefaultDataset.zones().stream().collect(Collectors.toMap(Zone::id, z -> z));
    private static final Function<String, Optional<Zone>> LOOKUP = id -> Optional.ofNullable(ZONES.get(id));
    private static final RuleValidator VALIDATOR = new RuleValidator(Families.byType(new RulesEnv(Duration.ofHours(1), 0.5)));

    private static List<String> validate(String json) {
        return VALIDATOR.validate(Fixtures.rule(json), LOOKUP);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // severity keys must be the family's levels, values CAP severities
        "'type':'gauge-level','zones':['niamey'],'params':{'alertCm':580},'severity':{'dangr':'Extreme'}"
                + " | severity names level 'dangr', which a gauge-level rule does not have (levels: warning, alert, danger)",
        "'type':'gauge-level','zones':['niamey'],'params':{'alertCm':580},'severity':{'danger':'Catastrophic'}"
                + " | severity for 'danger' must be Minor, Moderate, Severe or Extreme, got \"Catastrophic\"",
        "'type':'gauge-level','zones':['niamey'],'params':{'alertCm':580},'severity':{'danger':3}"
                + " | severity for 'danger' must be Minor, Moderate, Severe or Extreme, got 3",
        "'type':'gauge-level','zones':['niamey'],'params':{'alertCm':580},'severity':'Extreme'"
                + " | severity must map the levels of a gauge-level rule (warning, alert, danger) to Minor, Moderate, Severe or Extreme",
        "'type':'rain-accumulation','zones':['niamey'],'params':{'thresholdMm':50},'severity':{'danger':'Severe'}"
                + " | severity names level 'danger', which a rain-accumulation rule does not have (levels: fire)",
        "'type':'conflict-risk-score','zones':['konna'],'params':{'weights':{'incident-cluster':3},'yellow':2,'orange':4,'red':6},'severity':{'green':'Minor'}"
                + " | severity names level 'green', which a conflict-risk-score rule does not have (levels: yellow, orange, red)",
        // unknown parameters are refused, naming the known ones
        "'type':'gauge-level','zones':['niamey'],'params':{'alertCm':580,'hysterisisCm':10}"
                + " | unknown parameter 'hysterisisCm' (known: warningCm, alertCm, dangerCm, hysteresisCm, holdMinutes)",
        "'type':'community-flood-reports','zones':['konna'],'params':{'threshold':3,'types':['FLOOD']}"
                + " | unknown parameter 'types' (known: threshold, windowHours)",
        "'type':'rain-accumulation','zones':['niamey'],'params':{'thresholdMm':50,'window':24}"
                + " | unknown parameter 'window' (known: thresholdMm, windowHours)",
        // the upstream station of an upstream-lead rule must exist and be a station
        "'type':'upstream-lead','zones':['niamey'],'params':{'upstream':'ansongoo','upstreamCm':600,'travelHours':96}"
                + " | upstream station 'ansongoo' does not exist",
        "'type':'upstream-lead','zones':['niamey'],'params':{'upstream':'konna','upstreamCm':600,'travelHours':96}"
                + " | upstream 'konna' is a commune; it must be a station",
        // without levels in the rule, the station must publish some
        "'type':'gauge-level','zones':['gao'],'params':{'hysteresisCm':20}"
                + " | station 'gao' has no published levels: give warningCm, alertCm or dangerCm in the rule, or levels on the station",
    })
    void refusesWithAReasonAnOfficerCanAct(String body, String reason) {
        List<String> problems = validate("{'id':'r','enabled':true," + body + "}");
        assertTrue(problems.contains(reason), problems + " should contain " + reason);
    }

    @Test
    void acceptsAGaugeLevelRuleThatUsesTheStationsLevelsAndAValidMapping() {
        assertEquals(List.of(), validate("{'id':'r','type':'gauge-level','enabled':true,'zones':['niamey','mopti'],"
                + "'params':{'holdMinutes':60},'severity':{'danger':'Extreme','alert':'Severe'}}"));
        assertEquals(List.of(), validate("{'id':'r','type':'upstream-lead','enabled':true,'zones':['niamey'],"
                + "'params':{'upstream':'ansongo','upstreamCm':600,'travelHours':96}}"));
    }

    @Test
    void theUpstreamStationCountsAsAZoneTheRuleUses() {
        RuleDocument lead = Fixtures.rule("{'id':'r','type':'upstream-lead','enabled':true,'zones':['niamey'],"
                + "'params':{'upstream':'ansongo','upstreamCm':600,'travelHours':96}}");
        assertEquals(List.of("niamey", "ansongo"), VALIDATOR.zonesUsed(lead));
    }

    @Test
    void passageLevelsAreEarlyAndLateAndFireIsRefused() {
        PassageFamily family = new PassageFamily();
        RuleDocument levels = Fixtures.rule("{'id':'r','type':'early-late-passage','enabled':true,'zones':['corridor-konna-mopti'],"
                + "'severity':{'early':'Severe','late':'Minor'}}");
        CompiledRule<org.bourtol.rules.passage.PassageRule.Params> typed = new CompiledRule<>(levels, family.parse(levels));
        assertEquals(Severity.Severe, family.severity(typed, "early"));
        assertEquals(Severity.Minor, family.severity(typed, "late"));
        assertEquals(List.of(), VALIDATOR.validate(levels, LOOKUP));
        assertEquals(List.of("severity names level 'fire', which a early-late-passage rule does not have (levels: early, late)"),
                validate("{'id':'r','type':'early-late-passage','enabled':true,'zones':['corridor-konna-mopti'],'severity':{'fire':'Moderate'}}"));
    }

    @Test
    void aProtectedZoneRuleOnAPastureWithoutFieldReleaseIsRefusedNamingTheZone() {
        Zone pasture = pasture("pasture-bourgou", null);
        Function<String, Optional<Zone>> lookup = id -> id.equals(pasture.id()) ? Optional.of(pasture) : LOOKUP.apply(id);
        RuleDocument rule = Fixtures.rule("{'id':'r','type':'herd-in-protected-zone','enabled':true,'zones':['farm-konna-rice','pasture-bourgou']}");
        assertEquals(List.of("zone 'pasture-bourgou' (pasture) has no fieldRelease date, so a herd-in-protected-zone rule could never fire"
                + " there: give the zone a fieldRelease \"MM-DD\" or remove it from the rule"), VALIDATOR.validate(rule, lookup));
        Zone released = pasture("pasture-bourgou", "12-15");
        assertEquals(List.of(), VALIDATOR.validate(rule, id -> id.equals(released.id()) ? Optional.of(released) : LOOKUP.apply(id)),
                "a pasture with a field-release date can be protected");
    }

    static Zone pasture(String id, String fieldRelease) {
        return org.bourtol.rules.zones.ZoneFeatures.fromFeature(org.bourtol.contracts.topic.Json.MAPPER.valueToTree(Map.of(
                "type", "Feature", "id", id,
                "properties", fieldRelease == null ? Map.of("kind", "pasture", "name", "Bourgou", "capacity", 500)
                        : Map.of("kind", "pasture", "name", "Bourgou", "capacity", 500, "fieldRelease", fieldRelease),
                "geometry", Map.of("type", "Polygon", "coordinates",
                        List.of(List.of(List.of(-3.9, 14.8), List.of(-3.8, 14.8), List.of(-3.8, 14.85), List.of(-3.9, 14.8)))))),
                null);
    }
}
