package org.bourtol.contracts.observation;

/** Where an input entered Bourtol. */
public enum Source {
    MQTT, LORAWAN, SMS, HTTP, SIMULATOR
}
