package org.bourtol.simulator.scenario;

import java.time.Instant;
import java.util.List;

/**
 * A generated season: the messages in send order (simulated time) and the ground truth.
 * SMS are sent in real time after the sensor replay (see docs/simulator.md, "Time");
 * {@code verifiedSenders} are the synthetic phone numbers to register as verified reporters.
 */
public record Timeline(String name, long seed, Instant start, Instant end, List<Emission> emissions,
        List<GroundTruthEvent> truth, List<String> verifiedSenders) {

    public Timeline {
        emissions = List.copyOf(emissions);
        truth = List.copyOf(truth);
        verifiedSenders = List.copyOf(verifiedSenders);
    }

    public long count(Class<? extends Emission> kind, Emission.Expect expect) {
        return emissions.stream().filter(kind::isInstance).filter(e -> e.expect() == expect).count();
    }
}
