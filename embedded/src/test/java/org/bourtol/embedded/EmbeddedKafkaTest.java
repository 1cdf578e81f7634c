package org.bourtol.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The controller listener never gets the broker's port, even when the system hands that port out as free. */
class EmbeddedKafkaTest {

    @Test
    void theControllerPortIsNeverTheBrokerPortAFormerRunFreed() {
        List<Integer> offered = List.of(41007, 41007, 41011);
        AtomicInteger next = new AtomicInteger();
        assertEquals(41011, EmbeddedKafka.freePortOtherThan(41007, () -> offered.get(next.getAndIncrement())));
        assertThrows(IllegalStateException.class, () -> EmbeddedKafka.freePortOtherThan(41007, () -> 41007));
    }
}
