package org.bourtol.simulator.scenario;

import java.time.Instant;

/**
 * One message the scenario sends, at simulated time {@link #at()} (the send time; an MQTT payload
 * carries its own {@code observedAt}, earlier for late or out-of-order faults). {@link #expect()}
 * is what Bourtol should do with it, for the report's counts.
 */
public sealed interface Emission permits Emission.Mqtt, Emission.Sms {

    Instant at();

    Expect expect();

    /** What the platform should do with a message. */
    enum Expect {
        /** Understood: becomes one observation. */
        OBSERVATION,
        /** A repeat of an earlier message (same payload / MessageSid): must not become a second observation. */
        DUPLICATE,
        /** Not understandable: kept on the rejected topic (and, for SMS, answered with the problem). */
        REJECTED
    }

    /** A Paho QoS 1 publish. */
    record Mqtt(Instant at, String topic, String payload, Expect expect) implements Emission {
    }

    /** A signed Twilio inbound webhook. {@code from} is a synthetic E.164 number. */
    record Sms(Instant at, String messageSid, String from, String body, Expect expect) implements Emission {
    }
}
