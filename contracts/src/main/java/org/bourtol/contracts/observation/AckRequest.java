package org.bourtol.contracts.observation;

import java.time.Instant;

/**
 * Someone acknowledged an alert: an {@code OK <code>} SMS or the API. Published on
 * {@code bourtol.acks.v1}, keyed by the alert code (SMS) or alert id (API); the rules turn it into an
 * {@code ACKNOWLEDGED} lifecycle event. {@code by} is a pseudonym or an API user name, never a phone.
 *
 * <p>An SMS acknowledgement stops nothing until the notifier has checked the sender against the
 * delivery ledger: it publishes the request again with {@code verified} true and the alert id when the
 * sender is a recipient the alert was sent to, and an {@code UNVERIFIED_ACK} alert event otherwise
 * ({@link #stopsTheAlert}).
 */
public record AckRequest(String id, String code, String alertId, String by, Source source, Instant at, boolean verified) {

    public AckRequest {
        Observation.require(id != null && !id.isBlank(), "id is missing");
        Observation.require((code != null && !code.isBlank()) || (alertId != null && !alertId.isBlank()), "code or alertId is required");
        Observation.require(source != null, "source is missing");
        Observation.require(at != null, "at is missing");
    }

    /** A request not (yet) checked against the delivery ledger. */
    public AckRequest(String id, String code, String alertId, String by, Source source, Instant at) {
        this(id, code, alertId, by, source, at, false);
    }

    /** This request, checked: the sender was sent that alert. */
    public AckRequest verifiedFor(String alertId) {
        return new AckRequest(id, code, alertId, by, source, at, true);
    }

    /**
     * True when this request may acknowledge: any API request (the API checks the officer role), an SMS
     * only once the notifier has verified its sender.
     */
    public boolean stopsTheAlert() {
        return source != Source.SMS || verified;
    }
}
