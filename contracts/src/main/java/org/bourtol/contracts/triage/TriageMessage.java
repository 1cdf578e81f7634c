package org.bourtol.contracts.triage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.bourtol.contracts.observation.ReportType;
import org.bourtol.contracts.observation.Source;
import org.bourtol.contracts.privacy.Phones;

/**
 * An unstructured community report on {@code bourtol.triage.v1}, keyed by {@link #id()}: a message that
 * could not be understood as a report but names a known place or a hazard word, so an officer should read
 * it. It is not an observation and raises nothing by itself.
 *
 * <p>{@code id} is the input's id ({@code sms-<MessageSid>}, the same as an observation of that message
 * would carry); {@code reporterId} the sender's pseudonym, never a number; {@code text} the message with
 * phone-like numbers masked, at most {@link #TEXT_MAX} characters (both enforced here); {@code language}
 * the sender's language tag ({@code fr}, {@code en}); {@code zoneId} and {@code placeName} the place
 * guessed from the words (null when none); {@code type} the incident type guessed from hazard words (null
 * when none); {@code matchedWords} the words that led to those guesses (folded, possibly empty);
 * {@code reason} why it was not understood, in English, for the officer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriageMessage(String id, Source source, Instant receivedAt, String reporterId, boolean verified, String text,
        String language, String zoneId, String placeName, ReportType type, List<String> matchedWords,
        String reason) {

    /** Longest text kept; the rest of a long message is cut. */
    public static final int TEXT_MAX = 500;

    public TriageMessage {
        require(id != null && !id.isBlank(), "id is missing");
        require(source != null, "source is missing");
        require(receivedAt != null, "receivedAt is missing");
        require(text != null, "text is missing");
        require(reason != null && !reason.isBlank(), "reason is missing");
        text = Phones.maskInText(text);
        if (text.length() > TEXT_MAX) {
            text = text.substring(0, TEXT_MAX);
        }
        matchedWords = matchedWords == null ? List.of() : List.copyOf(matchedWords);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
