package org.bourtol.ingest.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.ingest.place.ZonesFixture;
import org.junit.jupiter.api.Test;

class GazetteerSourceTest {

    static final List<Zone> ZONES = ZonesFixture.zones();

    @Test
    void lookupsThatArriveWhileTheGazetteerIsBuiltSeeEveryZone() throws Exception {
        // the SMS webhook and the MQTT worker look places up at the same moment right after a start: none may get the
        // empty gazetteer of before the zones were loaded (it refused a valid "PLUIE SEGOU 1" as unknown-station)
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                GazetteerSource source = new GazetteerSource();
                ZONES.forEach(z -> source.apply(z.id(), z));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> seen = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    seen.add(pool.submit(() -> {
                        go.await();
                        return source.get().byId("segou") != null;
                    }));
                }
                go.countDown();
                for (Future<Boolean> s : seen) {
                    assertEquals(true, s.get(), "round " + round + ": a lookup during the first build saw no Segou");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChangeIsSeenAtTheNextLookup() {
        GazetteerSource source = new GazetteerSource();
        assertNull(source.get().byId("segou"));
        ZONES.forEach(z -> source.apply(z.id(), z));
        assertNotNull(source.get().byId("segou"));
        source.apply("segou", null);
        assertNull(source.get().byId("segou"));
    }
}
