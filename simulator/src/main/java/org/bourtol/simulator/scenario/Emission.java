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

    /** How a sensor message was disturbed on its way (faults on request), for the report's fault lines. */
    enum Fault {
        /** Sent at its place in the season. */
        NONE,
        /** Sent 35–50 minutes after its observation time (inside the rules' one-hour grace period). */
        LATE,
        /** Sent 20–35 minutes after its observation time, after readings observed later than it. */
        OUT_OF_ORDER,
        /** Held back by a gateway and flushed with the other buffered collar fixes at once. */
        BURST
    }

    /** A Paho QoS 1 publish; {@code fault} says how the faults moved it (never null). */
    record Mqtt(Instant at, String topic, String payload, Expect expect, Fault fault) implements Emission {
        public Mqtt {
            fault = fault == null ? Fault.NONE : fault;
        }

        public Mqtt(Instant at, String topic, String payload, Expect expect) {
            this(at, topic, payload, expect, Fault.NONE);
        }
    }

    /** A signed Twilio inbound webhook. {@code from} is a synthetic E.164 number. */
    record Sms(Instant at, String messageSid, String from, String body, Expect expect) implements Emission {
    }
}
