package org.bourtol.contracts.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 *
 * <p>With {@code action} {@link Action#RESOLVE} (API only, officer role) the request asks the lifecycle
 * to resolve the alert by hand, for {@code reason}; records written before the field existed read as
 * {@link Action#ACK}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AckRequest(String id, String code, String alertId, String by, Source source, Instant at, boolean verified,
        Action action, String reason) {

    /** What the request asks of the alert's lifecycle. */
    public enum Action {
        /** Someone received the alert: it stops escalating. */
        ACK,
        /** An officer closes the alert by hand (with a reason): the all-clear goes out. */
        RESOLVE
    }

    /** Longest accepted resolve reason, in characters. */
    public static final int MAX_REASON = 500;

    public AckRequest {
        Observation.require(id != null && !id.isBlank(), "id is missing");
        Observation.require((code != null && !code.isBlank()) || (alertId != null && !alertId.isBlank()), "code or alertId is required");
        Observation.require(source != null, "source is missing");
        Observation.require(at != null, "at is missing");
        action = action == null ? Action.ACK : action;
        Observation.require(action == Action.ACK || (source != Source.SMS && alertId != null && !alertId.isBlank()),
                "a resolve request comes from the API and names the alert id");
        Observation.require(action == Action.ACK || (reason != null && !reason.isBlank() && reason.length() <= MAX_REASON),
                "a resolve request needs a reason of 1 to " + MAX_REASON + " characters");
    }

    public AckRequest(String id, String code, String alertId, String by, Source source, Instant at, boolean verified) {
        this(id, code, alertId, by, source, at, verified, Action.ACK, null);
    }

    /** A request not (yet) checked against the delivery ledger. */
    public AckRequest(String id, String code, String alertId, String by, Source source, Instant at) {
        this(id, code, alertId, by, source, at, false);
    }

    /** An officer's request (through the API) to resolve the alert {@code alertId} by hand. */
    public static AckRequest resolve(String id, String alertId, String by, Instant at, String reason) {
        return new AckRequest(id, null, alertId, by, Source.HTTP, at, false, Action.RESOLVE, reason);
    }

    /** This request, checked: the sender was sent that alert. */
    public AckRequest verifiedFor(String alertId) {
        return new AckRequest(id, code, alertId, by, source, at, true, action, reason);
    }

    /** True when this request asks to resolve the alert rather than acknowledge it. */
    public boolean resolves() {
        return action == Action.RESOLVE;
    }

    /**
     * True when this request may acknowledge: any API request (the API checks the officer role), an SMS
     * only once the notifier has verified its sender.
     */
    public boolean stopsTheAlert() {
        return source != Source.SMS || verified;
    }
}
