package org.bourtol.simulator.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bourtol.contracts.observation.Hazard;

/**
 * A risk that really began in the scenario, the reference against which alerts are scored.
 *
 * @param id          stable id, e.g. "gauge-level/niamey/orange"
 * @param type        event type (see {@link Types})
 * @param hazard      conflict or flood
 * @param ruleTypes   rule types whose alert detects it
 * @param zones       zone ids an alert may name for it (the zone and its parents)
 * @param level       the rule level expected (gauge levels), or null
 * @param start       simulated time the risk began (event time of the triggering message)
 * @param trigger     index in {@link Timeline#emissions()} of the message that began it
 * @param description one line for the report
 */
public record GroundTruthEvent(String id, String type, Hazard hazard, List<String> ruleTypes, Set<String> zones,
        String level, Instant start, int trigger, String description) {

    /** Ground-truth event types. */
    public static final class Types {
        public static final String FARMLAND = "farmland-incursion";
        public static final String CROWDING = "water-point-crowding";
        public static final String DEVIATION = "corridor-deviation";
        public static final String PASSAGE = "early-late-passage";
        public static final String INCIDENT = "incident";
        public static final String GAUGE = "gauge-level";
        public static final String RAIN = "rain-accumulation";

        private Types() {
        }
    }

    /**
     * This event as published on {@code bourtol.groundtruth.v1}: {@code start} as the platform saw it (the simulated
     * time, or the wall time its SMS was sent when {@code live}).
     */
    public org.bourtol.contracts.outcome.GroundTruth published(String scenario, long seed, Instant start, boolean live) {
        return new org.bourtol.contracts.outcome.GroundTruth(id, scenario, seed, type, hazard, ruleTypes, List.copyOf(zones), level,
                start, live, description);
    }
}
