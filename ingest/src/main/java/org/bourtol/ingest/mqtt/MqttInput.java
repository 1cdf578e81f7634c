package org.bourtol.ingest.mqtt;

import org.bourtol.contracts.observation.Observation;
import org.bourtol.contracts.observation.Rejected;

/** The outcome of one MQTT message: an observation, or the rejection record that keeps it. */
public sealed interface MqttInput {

    record Accepted(Observation observation) implements MqttInput {
    }

    record Refused(Rejected rejected) implements MqttInput {
    }
}
