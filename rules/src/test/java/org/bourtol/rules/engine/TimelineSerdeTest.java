package org.bourtol.rules.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.JsonSerde;
import org.bourtol.rules.Families;
import org.junit.jupiter.api.Test;

/**
 * The typed state of a family's {@code <type>-state} store writes the same JSON as the untyped
 * timeline it replaced ({@code base} and {@code head} as JSON trees) plus its format, so a changelog
 * written before restores, and it reads back equal; a timeline written before the shared input store
 * (no format) reads as having folded its pending inputs.
 */
class TimelineSerdeTest {

    static final Instant T0 = Instant.parse("2026-08-14T06:00:00Z");

    /** The stored form before the state was typed; {@code format} is absent in timelines written before the shared input store. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    record Untyped(JsonNode base, JsonNode head, String headRule, Instant horizon, Instant newest, String newestId,
            @JsonInclude(JsonInclude.Include.ALWAYS) int pendingCount, @JsonInclude(JsonInclude.Include.ALWAYS) boolean fired,
            String alertZone, String lastFire, int format) {
    }

    @Test
    void everyFamilysStateWritesTheJsonOfTheUntypedTimelineAndReadsBack() {
        List<Family<?, ?>> families = Families.onObservations(new RulesEnv(Duration.ofHours(1), 0.5));
        for (Family<?, ?> family : families) {
            check(family);
        }
    }

    private static <S> void check(Family<?, S> family) {
        Serde<Timeline<S>> serde = Timeline.serde(family.stateType());
        S state = family.initial();
        Timeline<S> typed = new Timeline<>(state, state, "3:17", T0, T0.plusSeconds(60), "obs-1", 2, true, "niamey", "niamey/red/Extreme/640");
        Untyped untyped = new Untyped(Json.MAPPER.valueToTree(state), Json.MAPPER.valueToTree(state), "3:17", T0, T0.plusSeconds(60),
                "obs-1", 2, true, "niamey", "niamey/red/Extreme/640", Timeline.SHARED_INPUTS);
        byte[] now = new JsonSerde<>(Untyped.class).serializer().serialize("t", untyped);
        assertEquals(new String(now), new String(serde.serializer().serialize("t", typed)), family.type());
        assertEquals(typed, serde.deserializer().deserialize("t", now), family.type());

        // written before the shared input store: its two pending inputs were in a store that is gone
        byte[] before = new JsonSerde<>(Untyped.class).serializer().serialize("t", new Untyped(Json.MAPPER.valueToTree(state),
                Json.MAPPER.valueToTree(state), "3:17", T0, T0.plusSeconds(60), "obs-1", 2, true, "niamey", "niamey/red/Extreme/640", 0));
        assertEquals(false, new String(before).contains("format"), new String(before));
        Timeline<S> old = serde.deserializer().deserialize("t", before);
        assertEquals(0, old.format(), family.type());
        Timeline<S> read = old.current();
        assertEquals(new Timeline<>(state, state, "3:17", T0.plusSeconds(60), T0.plusSeconds(60), "obs-1", 0, true, "niamey",
                "niamey/red/Extreme/640"), read, "folded: base = head, horizon = newest, nothing pending");
        assertEquals(typed, typed.current(), "a current timeline reads as it is");

        Timeline<S> empty = Timeline.empty();
        assertEquals(empty, serde.deserializer().deserialize("t", serde.serializer().serialize("t", empty)), family.type());
        assertNull(serde.deserializer().deserialize("t", null), "a tombstone");
    }

    @Test
    void anUnreadableTimelineIsASerializationErrorNamingTheStateType() {
        Family<?, ?> family = Families.onObservations(new RulesEnv(Duration.ofHours(1), 0.5)).get(0);
        SerializationException e = assertThrows(SerializationException.class,
                () -> Timeline.serde(family.stateType()).deserializer().deserialize("t", "{\"base\":[1,2".getBytes()));
        assertEquals(true, e.getMessage().contains(family.stateType().getSimpleName()), e.getMessage());
    }
}
