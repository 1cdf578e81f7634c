package org.bourtol.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static final Pattern OBSERVED_AT = Pattern.compile("\"observedAt\":\"([^\"]+)\"");

    private static Timeline season(String faults) {
        return ScenarioModel.generate(ScenarioSpec.parse("""
                seed: 5
                year: 2025
                start: "08-01"
                end: "08-31"
                herds: {count: 8}
                faults: %s
                """.formatted(faults)), Dataset.sahel(), LocalDate.of(2026, 1, 1));
    }

    @Test
    void duplicatesRepeatAnEarlierMessageExactly() {
        Timeline t = season("{duplicates: 0.05, outOfOrder: 0.0, late: 0.0, malformed: 0, bursts: 0}");
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (Emission e : t.emissions()) {
            if (e instanceof Emission.Mqtt m) {
                if (m.expect() == Emission.Expect.DUPLICATE) {
                    duplicates++;
                    assertTrue(seen.contains(m.topic() + m.payload()), "a duplicate repeats an earlier message");
                } else {
                    seen.add(m.topic() + m.payload());
                }
            }
        }
        assertTrue(duplicates > 10, "about 5 % of the messages: " + duplicates);
    }

    @Test
    void lateAndOutOfOrderStayInsideTheGracePeriodAndKeepTheTruth() {
        Timeline clean = season("{duplicates: 0.0, outOfOrder: 0.0, late: 0.0, malformed: 0, bursts: 0}");
        Timeline faulty = season("{duplicates: 0.0, outOfOrder: 0.05, late: 0.05, malformed: 0, bursts: 2}");
        int late = 0;
        for (Emission e : faulty.emissions()) {
            if (e instanceof Emission.Mqtt m) {
                Matcher matcher = OBSERVED_AT.matcher(m.payload());
                if (matcher.find()) {
                    Duration delay = Duration.between(Instant.parse(matcher.group(1)), m.at());
                    assertTrue(delay.compareTo(Duration.ofMinutes(50)) <= 0, "within the one-hour grace: " + delay);
                    late += delay.isNegative() || delay.isZero() ? 0 : 1;
                }
            }
        }
        assertTrue(late > 50, "late or out-of-order messages: " + late);
        List<String> cleanTruth = clean.truth().stream().map(GroundTruthEvent::type).sorted().toList();
        List<String> faultyTruth = faulty.truth().stream().map(GroundTruthEvent::type).sorted().toList();
        assertEquals(cleanTruth.size(), faultyTruth.size());
    }

    @Test
    void movedMessagesAreTaggedWithTheirFault() {
        Timeline t = season("{duplicates: 0.0, outOfOrder: 0.05, late: 0.05, malformed: 0, bursts: 2}");
        java.util.Map<Emission.Fault, Long> byFault = t.emissions().stream().filter(e -> e instanceof Emission.Mqtt)
                .collect(java.util.stream.Collectors.groupingBy(e -> ((Emission.Mqtt) e).fault(), java.util.stream.Collectors.counting()));
        assertTrue(byFault.getOrDefault(Emission.Fault.LATE, 0L) > 20, byFault.toString());
        assertTrue(byFault.getOrDefault(Emission.Fault.OUT_OF_ORDER, 0L) > 20, byFault.toString());
        assertTrue(byFault.getOrDefault(Emission.Fault.BURST, 0L) > 0, byFault.toString());
        for (Emission e : t.emissions()) {
            if (e instanceof Emission.Mqtt m && m.fault() == Emission.Fault.BURST) {
                assertTrue(m.topic().contains("/herd/"), "bursts are collar fixes flushed by a gateway");
            }
        }
    }

    @Test
    void malformedPayloadsAreExpectedToBeRejected() {
        Timeline t = season("{duplicates: 0.0, outOfOrder: 0.0, late: 0.0, malformed: 7, bursts: 0}");
        assertEquals(7, t.count(Emission.Mqtt.class, Emission.Expect.REJECTED));
    }
}
