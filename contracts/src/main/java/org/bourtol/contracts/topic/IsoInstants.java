package org.bourtol.contracts.topic;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Instants as ISO-8601 UTC text, written and read by ethlo's Internet Time Utility instead of {@code java.time}'s
 * formatter. Every record carries several instants (an alert event one per evidence item); in a profile of the rules
 * bench, parsing and printing them through {@code DateTimeFormatter} was half of reading an alert event and an eighth of
 * the rules' own thread. The text is exactly {@link Instant#toString()}'s (fractions in groups of three digits, none
 * for a whole second), so records written before and after read the same. Reading takes the form Bourtol
 * writes, {@code 2026-11-24T08:00:00.123Z}, on the fast path; anything else, or anything it refuses, goes to
 * Jackson's own {@link InstantDeserializer}, so what is accepted and the error for what is not stay as they were.
 * Writing always gives text: {@code WRITE_DATES_AS_TIMESTAMPS} and {@code @JsonFormat} on an instant are not honoured
 * (Bourtol uses neither; map keys are not affected).
 */
public final class IsoInstants {

    private static final Instant LAST_FOUR_DIGIT_YEAR = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final int PRINTED_BITS = 12;
    /**
     * Instants printed lately, by a hash of their value (a slot is overwritten by the next instant hashing to it). Shared by
     * every thread without locks: an entry is immutable, so a thread sees either a whole entry or an older one.
     */
    private static final Printed[] PRINTED = new Printed[1 << PRINTED_BITS];

    private record Printed(long seconds, int nanos, String text) {
    }

    private IsoInstants() {
    }

    /** The Jackson module: register it after {@code JavaTimeModule} so that its instant (de)serialisers win. */
    public static SimpleModule module() {
        return new SimpleModule("bourtol-iso-instants")
                .addSerializer(Instant.class, new Serializer())
                .addDeserializer(Instant.class, new Deserializer());
    }

    /**
     * {@code i} as {@link Instant#toString()} prints it. The text of the last instants printed is kept
     * ({@link #PRINTED}): an alert's evidence, a timeline's readings and an alert slot print the same instants again at
     * every step of the alert (in a profile of the rules bench, printing fractions in ITU was 6 % of the rules' thread).
     */
    public static String format(Instant i) {
        long seconds = i.getEpochSecond();
        int nanos = i.getNano();
        int slot = (int) (((seconds * 1_000_000_000L + nanos) * 0x9E3779B97F4A7C15L) >>> (64 - PRINTED_BITS)); // Fibonacci hashing
        Printed p = PRINTED[slot];
        if (p != null && p.seconds() == seconds && p.nanos() == nanos) {
            return p.text();
        }
        String text = print(i);
        PRINTED[slot] = new Printed(seconds, nanos, text);
        return text;
    }

    private static String print(Instant i) {
        if (i.isBefore(Instant.EPOCH) || i.isAfter(LAST_FOUR_DIGIT_YEAR)) {
            return i.toString();
        }
        int nano = i.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        return ITU.formatUtc(i.atOffset(ZoneOffset.UTC), digits);
    }

    /**
     * {@code text} read as {@link OffsetDateTime#parse(CharSequence)} reads it, as an instant: the same instants accepted,
     * the same {@link DateTimeParseException} for the rest (ingest's {@code observedAt}). Text in the form Bourtol and most
     * gateways write, ending in {@code Z}, takes the fast path.
     */
    public static Instant parseOffsetDateTime(String text) {
        Instant fast = parseFast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /**
     * {@code text} as an instant when it is a date, an upper-case {@code T}, a time with seconds and {@code Z} (what
     * Bourtol writes); null otherwise, also for such text naming no real date or time.
     */
    static Instant parseFast(String text) {
        if (text.length() < 20 || text.charAt(10) != 'T' || text.charAt(text.length() - 1) != 'Z') {
            return null;
        }
        try {
            ParsePosition at = new ParsePosition(0);
            Instant i = ITU.parseDateTime(text, at).toInstant();
            return at.getIndex() == text.length() ? i : null; // ITU stops at the zone: text after it is left to java.time to refuse
        } catch (DateTimeException e) {
            return null; // e.g. 24:00:00, which java.time reads as the next midnight: left to it
        }
    }

    private static final class Serializer extends StdScalarSerializer<Instant> {

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    private static final class Deserializer extends StdScalarDeserializer<Instant> {

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                Instant fast = parseFast(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
