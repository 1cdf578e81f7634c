package org.bourtol.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Property-based fuzzing of scenario files: any text — YAML of the wrong shape, wild values for the
 * right keys, anchors and aliases, deep nesting — is a scenario the model can generate, or an
 * {@link IllegalArgumentException} whose message says why; no other exception escapes.
 */
class ScenarioSpecPropertiesTest {

    private static final Dataset DS = Dataset.sahel();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Property(tries = 300)
    void anyScenarioTextIsAScenarioOrARefusalWithAReason(@ForAll("scenarios") String yaml) {
        try {
            assertNotNull(ScenarioSpec.parse(yaml));
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), () -> "a refusal without a reason: " + yaml);
        }
    }

    /** What parses also generates: the checks leave nothing for the model to fail on (one short week per try). */
    @Property(tries = 10)
    void anAcceptedScenarioGeneratesItsSeason(@ForAll("lines") List<String> lines) {
        String yaml = "year: 2024\nstart: \"07-20\"\nend: \"07-24\"\n" + String.join("\n",
                lines.stream().filter(l -> !l.startsWith("year") && !l.startsWith("end") && !l.startsWith("start")).toList()) + "\n";
        ScenarioSpec spec;
        try {
            spec = ScenarioSpec.parse(yaml);
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), () -> "a refusal without a reason: " + yaml);
            return;
        }
        try {
            assertNotNull(ScenarioModel.generate(spec, DS, TODAY));
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), () -> "a refusal without a reason: " + yaml);
        }
    }

    @Example
    void aBillionLaughsAndDeepNestingAreRefusedQuickly() {
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = String.valueOf((char) (c - 1));
            laughs.append(c).append(": &").append(c).append(" [").append(String.join(",", java.util.Collections.nCopies(9, "*" + prev)))
                    .append("]\n");
        }
        IllegalArgumentException bomb = assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse(laughs.toString()));
        assertTrue(bomb.getMessage().startsWith("invalid scenario"), bomb.getMessage());
        String deep = "herds: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class, () -> ScenarioSpec.parse(deep));
        assertTrue(nested.getMessage().startsWith("invalid scenario"), nested.getMessage());
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return line().list().ofMaxSize(4).uniqueElements(l -> l.substring(0, Math.min(5, l.length())));
    }

    @Provide
    Arbitrary<String> scenarios() {
        Arbitrary<String> line = line();
        return Arbitraries.frequencyOf(
                Tuple.of(4, line.list().ofMaxSize(6).map(ls -> String.join("\n", ls) + "\n")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(200)),
                Tuple.of(1, Arbitraries.of(List.of("- a\n- b\n", "{", "[", ": :", "\t\tx: 1", "herds: 3", "%YAML 9.9\n---\n", "--- !!set\n? a\n", ""))));
    }

    private static Arbitrary<String> line() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 40).map(String::valueOf),
                Arbitraries.of("-1", "0", "1e9", "2147483648", "0.5", "-0.5", "1.5", "NaN", ".inf", "null", "~", "true", "\"\"",
                        "\"07-20\"", "\"12-20\"", "\"02-30\"", "\"13-01\"", "\"2024\"", "\"2020\"", "\"normal\"", "\"1900\"", "[]", "{}",
                        "[mopti, niamey]", "[nowhere]", "[mopti, mopti]", "&x 3", "*x", "!!binary aGVsbG8=", "!!java.io.File /etc"),
                Arbitraries.strings().ofMaxLength(10).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        Arbitrary<String> line = Arbitraries.oneOf(
                value.map(v -> "seed: " + v), value.map(v -> "year: " + v), value.map(v -> "start: " + v), value.map(v -> "end: " + v),
                value.map(v -> "floodYear: " + v), value.map(v -> "name: " + v),
                Arbitraries.of("count", "collarIntervalMinutes", "incursions", "crowdings", "deviations", "earlyPassages", "latePassages")
                        .flatMap(k -> value.map(v -> "herds: {" + k + ": " + v + "}")),
                Arbitraries.of("stations", "intervalMinutes", "noiseCm", "readers")
                        .flatMap(k -> value.map(v -> "gauges: {" + k + ": " + v + "}")),
                Arbitraries.of("stations", "periodMinutes", "stormDays").flatMap(k -> value.map(v -> "rain: {" + k + ": " + v + "}")),
                Arbitraries.of("sightings", "clashes", "tensions", "typos", "malformed", "unverified")
                        .flatMap(k -> value.map(v -> "reports: {" + k + ": " + v + "}")),
                Arbitraries.of("duplicates", "outOfOrder", "late", "malformed", "bursts")
                        .flatMap(k -> value.map(v -> "faults: {" + k + ": " + v + "}")),
                Arbitraries.strings().ofMaxLength(30));
        return line;
    }
}
