package org.bourtol.contracts.outcome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.topic.WireName;
import org.bourtol.contracts.topic.WireNames;

/**
 * What someone did about an alert, or what they say came of it, on {@code bourtol.outcomes.v1} (keyed by
 * alert id, kept forever). {@code kind} {@code action}: {@code text} says what was done ("mediation tenue
 * avec les deux parties"). {@code kind} {@code outcome}: {@code verdict} says whether the risk was real,
 * {@code violence} (conflict alerts) whether anyone was hurt, {@code peopleMoved} (floods) whether people
 * were moved, {@code text} an optional comment. {@code by} is a pseudonym ({@code source} SMS) or the API
 * token's name ({@code source} HTTP), never a phone number. {@code verified}: an SMS response is first stored unverified by
 * ingest (a request that counts nowhere); the notifier checks the sender against the delivery ledger
 * and stores it again, same id, with {@code verified} true when the alert was sent to that sender, or
 * keeps a stranger's on {@code bourtol.rejected.v1} ({@link #counts}). An API response (an authenticated
 * officer) is verified when recorded. {@code text} has phone-like
 * numbers masked and is at most {@link #TEXT_MAX} characters. {@code id} is deterministic for an SMS
 * ({@code sms-<MessageSid>}), so a replayed message carries the same id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertResponse(String id, String alertId, String code, Kind kind, String text, Verdict verdict, Violence violence,
        Boolean peopleMoved, String by, Source source, boolean verified, Instant at) {

    public static final int TEXT_MAX = 500;

    /** An action taken, or an outcome judged. */
    public enum Kind implements WireName {
        ACTION, OUTCOME;

        @JsonCreator
        public static Kind fromWire(String value) {
            return WireNames.parse(Kind.class, "response kind", value);
        }
    }

    @JsonCreator
    public AlertResponse {
        if (id == null || id.isBlank() || alertId == null || alertId.isBlank() || kind == null || by == null || source == null
                || at == null) {
            throw new IllegalArgumentException("alert response needs id, alertId, kind, by, source and at");
        }
        if (kind == Kind.ACTION && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("an action needs a text");
        }
        if (kind == Kind.OUTCOME && verdict == null) {
            throw new IllegalArgumentException("an outcome needs a verdict");
        }
        if (text != null && text.length() > TEXT_MAX) {
            throw new IllegalArgumentException("text is longer than " + TEXT_MAX + " characters");
        }
    }

    /** True when this response may count (reports, verdicts, the alert's page): any API response, an SMS one once verified. */
    public boolean counts() {
        return source != Source.SMS || verified;
    }

    /** This SMS response, checked: the delivery ledger shows its sender was sent the alert. */
    public AlertResponse verifiedCopy() {
        return new AlertResponse(id, alertId, code, kind, text, verdict, violence, peopleMoved, by, source, true, at);
    }

    /** Free text as it may be stored: trimmed, phone-like numbers masked, cut to {@link #TEXT_MAX} characters; null when blank. */
    public static String clean(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = org.bourtol.contracts.privacy.Phones.maskInText(text.trim().replaceAll("\\s+", " "));
        return t.length() <= TEXT_MAX ? t : t.substring(0, TEXT_MAX - 1) + "…";
    }
}
