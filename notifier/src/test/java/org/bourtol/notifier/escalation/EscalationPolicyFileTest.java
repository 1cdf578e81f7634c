package org.bourtol.notifier.escalation;

import static org.bourtol.notifier.Fixtures.MOPTI;
import static org.bourtol.notifier.Fixtures.T0;
import static org.bourtol.notifier.Fixtures.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.config.ConfigLoader;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.notifier.NotifierComponent;
import org.bourtol.notifier.ledger.Ledger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operator's escalation policy file ({@code notifier.escalationPolicyFile}) replaces the built-in policy, checked the same way. */
class EscalationPolicyFileTest {

    static final String FAST_CONFLICT = """
            {"_comment": "conflict: the cercle authorities after 5 minutes instead of 15",
             "rules": [
               {"hazard": "conflict", "minSeverity": "Moderate", "maxRepeats": 1,
                "steps": [{"after": "PT5M", "role": "authority", "scope": "cercle"}]}
             ]}
            """;

    /** Escalation steps due at {@code now} for a Severe conflict alert in farm-konna first sent at T0 and never acknowledged. */
    static List<String> escalationsAt(EscalationPolicy policy, Instant now) {
        Alert severe = alert("a1", "K7Q", Hazard.CONFLICT, "farm-konna", Severity.Severe, AlertState.ACTIVE, false);
        return new Planner(policy, Duration.ofHours(1)).due(now, List.of(severe), PlannerTest.RECIPIENTS, MOPTI, new Ledger(),
                id -> T0).stream()
                .filter(d -> d.kind() == Planner.Kind.ESCALATION).map(d -> d.item().step().wire() + ":" + d.recipient().id()).toList();
    }

    @Test
    @DisplayName("a policy file with a shorter delay escalates on it; the built-in policy waits 15 minutes")
    void policyFileDelayIsUsed(@TempDir Path dir) throws Exception {
        EscalationPolicy fromFile = EscalationPolicy.load(Files.writeString(dir.resolve("policy.json"), FAST_CONFLICT));
        assertEquals(List.of(), escalationsAt(fromFile, T0.plus(Duration.ofMinutes(4))));
        assertEquals(List.of("escalation-1:prefet"), escalationsAt(fromFile, T0.plus(Duration.ofMinutes(5))));
        assertEquals(List.of(), escalationsAt(EscalationPolicy.defaults(), T0.plus(Duration.ofMinutes(5))));
        assertEquals(List.of("escalation-1:prefet"), escalationsAt(EscalationPolicy.defaults(), T0.plus(Duration.ofMinutes(15))));
        assertEquals(1, fromFile.ruleFor(Hazard.CONFLICT, Severity.Extreme).maxRepeats());
        assertEquals(0, fromFile.ruleFor(Hazard.FLOOD, Severity.Extreme).steps().size(), "the file replaces the built-in policy whole");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown hazard     | {"rules": [{"hazard": "fire", "minSeverity": "Severe"}]}                                 | rules[0].hazard: unknown hazard 'fire'
            bad severity       | {"rules": [{"hazard": "flood", "minSeverity": "High"}]}                                  | rules[0].minSeverity
            bad duration       | {"rules": [{"hazard": "flood", "minSeverity": "Severe", "steps": [{"after": "30 min", "role": "authority", "scope": "region"}]}]} | rules[0].steps[0].after
            misspelt field     | {"rules": [{"hazard": "flood", "minSeverity": "Severe", "steps": [{"afer": "PT30M", "role": "authority", "scope": "region"}]}]} | rules[0].steps[0]: unknown field 'afer'
            missing role       | {"rules": [{"hazard": "flood", "minSeverity": "Severe", "steps": [{"after": "PT30M", "scope": "region"}]}]} | escalation step needs after
            not a scope        | {"rules": [{"hazard": "flood", "minSeverity": "Severe", "steps": [{"after": "PT30M", "role": "authority", "scope": "market"}]}]} | rules[0] (flood Severe).steps[0].scope: expected commune, cercle or region
            steps out of order | {"rules": [{"hazard": "flood", "minSeverity": "Severe", "steps": [{"after": "PT1H", "role": "a", "scope": "region"}, {"after": "PT30M", "role": "b", "scope": "region"}]}]} | steps[1].after: PT30M comes before
            duplicate rule     | {"rules": [{"hazard": "flood", "minSeverity": "Severe"}, {"hazard": "flood", "minSeverity": "Severe"}]} | rules[1] (flood Severe): another rule has the same hazard and minSeverity
            not JSON           | rules: []                                                                                 | line 1
            """)
    void invalidPolicyFileIsAClearStartupError(String name, String json, String expected, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.json"), json);
        ConfigException e = assertThrows(ConfigException.class, () -> EscalationPolicy.load(file));
        assertTrue(e.getMessage().contains("escalation policy " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    @DisplayName("the component refuses to start with a bad templates directory and a bad policy file, listing both")
    void componentReportsTemplateAndPolicyProblemsTogether(@TempDir Path dir) throws Exception {
        Path templates = Files.createDirectory(dir.resolve("templates"));
        Files.writeString(templates.resolve("templates_bm.properties"), "alert=OK {code}\n");
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"rules\": [{\"hazard\": \"fire\", \"minSeverity\": \"Severe\"}]}");
        var config = ConfigLoader.load((String) null, Map.of("BOURTOL_NOTIFIER_TEMPLATES_DIR", templates.toString(),
                "BOURTOL_NOTIFIER_ESCALATION_POLICY", policy.toString()));
        ConfigException e = assertThrows(ConfigException.class, () -> new NotifierComponent(null, null, config, null, null, null, null));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("templates_bm.properties: missing key 'alert.short'")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("unknown hazard 'fire'")), e.getMessage());
    }
}
