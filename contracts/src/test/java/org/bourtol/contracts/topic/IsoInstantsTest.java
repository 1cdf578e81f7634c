package org.bourtol.contracts.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/** Instants through {@link Json#MAPPER} read and write exactly as with Jackson's own {@code JavaTimeModule}, only faster. */
class IsoInstantsTest {

    /** Bourtol's mapper as it was before {@link IsoInstants}: the reference. */
    private static final ObjectMapper STOCK = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    record Stamped(Instant at, List<Instant> seen) {
    }

    @Property(tries = 3000)
    void writesWhatInstantToStringPrintsAndReadsItBack(@ForAll("instants") Instant i) throws Exception {
        assertEquals(i.toString(), IsoInstants.format(i));
        Stamped s = new Stamped(i, List.of(i, i.plusNanos(1)));
        String json = Json.MAPPER.writeValueAsString(s);
        assertEquals(STOCK.writeValueAsString(s), json);
        assertEquals(s, Json.MAPPER.readValue(json, Stamped.class));
    }

    @Property(tries = 5000)
    void readsWhatTheStockDeserializerReadsAndRefusesWhatItRefuses(@ForAll("nearlyInstants") String text) {
        String json = "\"" + text + "\"";
        Instant expected;
        try {
            expected = STOCK.readValue(json, Instant.class);
        } catch (Exception e) {
            assertThrows(InvalidFormatException.class, () -> Json.MAPPER.readValue(json, Instant.class), text);
            return;
        }
        try {
            assertEquals(expected, Json.MAPPER.readValue(json, Instant.class), text);
        } catch (Exception e) {
            throw new AssertionError(text + " read by the stock deserializer as " + expected + " but refused: " + e, e);
        }
    }

    @Example
    void instantsPrintedAgainOrCollidingInTheCachePrintTheirOwnText() {
        Instant base = Instant.parse("2026-12-06T07:39:51.471Z");
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 20_000; k++) {
                Instant i = base.plusNanos(k * 1_000_037L);
                assertEquals(i.toString(), IsoInstants.format(i));
                Instant other = Instant.ofEpochSecond(i.getEpochSecond() + k, i.getNano());
                assertEquals(other.toString(), IsoInstants.format(other));
            }
        }
    }

    @Property(tries = 5000)
    void readsAsOffsetDateTimeParseReadsAndRefusesWhatItRefuses(@ForAll("nearlyInstants") String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            assertThrows(DateTimeParseException.class, () -> IsoInstants.parseOffsetDateTime(text), text);
            return;
        }
        assertEquals(expected, IsoInstants.parseOffsetDateTime(text), text);
    }

    @Example
    void offsetDateTimeEdgeCasesReadAsJavaTimeReadsThem() {
        for (String text : List.of("2026-12-06T24:00:00Z", "2026-12-06t07:39:51z", "2026-12-06T07:39:51+01:00", "2026-12-06T07:39Z",
                "2026-12-06T07:39:51.4711111111Z", "2016-12-31T23:59:60Z", "2026-02-30T07:39:51Z", "2026-12-06 07:39:51Z", "",
                "2026-12-06T07:39:51ZZ", "+10000-01-01T00:00:00Z", "2026-12-06T07:39:51.47Z")) {
            Object expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                expected = DateTimeParseException.class;
            }
            Object actual;
            try {
                actual = IsoInstants.parseOffsetDateTime(text);
            } catch (DateTimeParseException e) {
                actual = DateTimeParseException.class;
            }
            assertEquals(expected, actual, text);
        }
    }

    @Example
    void edgeCasesReadAsBefore() throws Exception {
        for (String json : List.of("\"2026-12-06T24:00:00Z\"", "\"2026-12-06t07:39:51z\"", "\"2026-12-06T07:39:51+01:00\"",
                "\"2026-12-06T07:39:51.4711111111Z\"", "\"1969-12-31T23:59:59.999Z\"", "\"+10000-01-01T00:00:00Z\"", "1733472000",
                "1733472000.5", "\"\"", "\"2016-12-31T23:59:60Z\"")) {
            Object expected;
            try {
                expected = STOCK.readValue(json, Instant.class);
            } catch (Exception e) {
                expected = e.getClass();
            }
            Object actual;
            try {
                actual = Json.MAPPER.readValue(json, Instant.class);
            } catch (Exception e) {
                actual = e.getClass();
            }
            assertEquals(expected, actual, json);
        }
        assertThrows(InvalidFormatException.class, () -> Json.MAPPER.readValue("\"2026-12-06 07:39:51Z\"", Instant.class));
        assertThrows(InvalidFormatException.class, () -> Json.MAPPER.readValue("\"2026-02-30T07:39:51Z\"", Instant.class));
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L + 86_400L * 400);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000), Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    /** Valid instants' text, some with one character replaced, dropped or added, or an offset instead of Z. */
    @Provide
    Arbitrary<String> nearlyInstants() {
        Arbitrary<String> valid = Arbitraries.oneOf(instants().map(Instant::toString),
                Combinators.combine(instants(), Arbitraries.of("+01:00", "-05:30", "+00:00", "+0100", "+01", "z", "")).as(
                        (i, zone) -> i.toString().substring(0, i.toString().length() - 1) + zone));
        Arbitrary<Character> odd = Arbitraries.of('0', '9', '2', '3', '6', 'T', 't', ' ', 'Z', ':', '-', '.', '+', 'x');
        return Combinators.combine(valid, Arbitraries.integers().between(0, 40), odd, Arbitraries.integers().between(0, 3)).as((s, at, c, how) -> {
            int i = Math.min(at, s.length());
            return switch (how) {
                case 0 -> s;
                case 1 -> i < s.length() ? s.substring(0, i) + c + s.substring(i + 1) : s + c;
                case 2 -> i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s;
                default -> s.substring(0, i) + c + s.substring(i);
            };
        });
    }
}
