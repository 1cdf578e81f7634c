package org.bourtol.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bourtol.simulator.scenario.Emission.Expect;
import org.bourtol.simulator.scenario.ScenarioModel.Draft;
import org.bourtol.simulator.scenario.ScenarioModel.Pending;

/**
 * Faults on request: duplicate deliveries (same topic and payload again a minute later), out-of-order
 * and late readings (sent 20–50 minutes after their observation time, inside the rules' one-hour
 * grace period), bursts (a gateway flushing 50 minutes of buffered fixes at once) and malformed
 * payloads on the real topics (a message already sent late is not also held in a burst, so no
 * message is more than 50 minutes late). Each moved message is tagged with its {@link Emission.Fault}.
 * Duplicates and malformed messages carry no fact: they must not change what the rules see.
 */
final class FaultInjector {

    private final ScenarioSpec.Faults faults;
    private final Random rnd;

    FaultInjector(ScenarioSpec.Faults faults, Random rnd) {
        this.faults = faults;
        this.rnd = rnd;
    }

    void apply(List<Pending> sensors, Instant start, Instant end) {
        if (faults == null) {
            return;
        }
        List<Pending> extra = new ArrayList<>();
        for (int i = 0; i < sensors.size(); i++) {
            Pending p = sensors.get(i);
            Draft.Mqtt d = (Draft.Mqtt) p.emission();
            double u = rnd.nextDouble();
            if (u < faults.outOfOrder()) {
                sensors.set(i, new Pending(p.sendAt().plus(Duration.ofMinutes(20 + rnd.nextInt(15))),
                        d.with(Emission.Fault.OUT_OF_ORDER), p.fact()));
            } else if (u < faults.outOfOrder() + faults.late()) {
                sensors.set(i, new Pending(p.sendAt().plus(Duration.ofMinutes(35 + rnd.nextInt(15))), d.with(Emission.Fault.LATE), p.fact()));
            }
            if (rnd.nextDouble() < faults.duplicates()) {
                extra.add(new Pending(sensors.get(i).sendAt().plus(Duration.ofMinutes(1)),
                        new Draft.Mqtt(d.topic(), d.payload(), Expect.DUPLICATE), null));
            }
        }
        long span = Math.max(1, Duration.between(start, end).toMinutes());
        for (int b = 0; b < faults.bursts(); b++) {
            Instant flush = start.plus(Duration.ofMinutes(60 + rnd.nextInt((int) Math.max(1, span - 120))));
            for (int i = 0; i < sensors.size(); i++) {
                Pending p = sensors.get(i);
                if (p.emission() instanceof Draft.Mqtt m && m.topic().contains("/herd/") && m.fault() == Emission.Fault.NONE
                        && !p.sendAt().isAfter(flush) && p.sendAt().isAfter(flush.minus(Duration.ofMinutes(50)))) {
                    sensors.set(i, new Pending(flush, m.with(Emission.Fault.BURST), p.fact()));
                }
            }
        }
        String[] bad = {
            "{\"levelCm\":\"high\",\"observedAt\":\"%s\"}",
            "{\"herdId\":\"herd-x\",\"lat\":200.0,\"lon\":-4.1,\"headCount\":20,\"species\":\"cattle\",\"observedAt\":\"%s\"}",
            "{\"mm\":12.5,\"periodMinutes\":1440,\"observedAt\":\"%s\"",
            "{\"herdId\":\"herd-y\",\"lat\":14.5,\"lon\":-4.1,\"headCount\":-5,\"species\":\"cattle\",\"observedAt\":\"%s\"}",
            "{\"levelCm\":99999,\"observedAt\":\"%s\"}"
        };
        String[] topics = {"bourtol/v1/gauge/mopti", "bourtol/v1/herd/collar-999", "bourtol/v1/rain/segou",
            "bourtol/v1/herd/collar-998", "bourtol/v1/gauge/niamey"};
        for (int m = 0; m < faults.malformed(); m++) {
            Instant at = start.plus(Duration.ofMinutes(rnd.nextInt((int) span)));
            int k = m % bad.length;
            extra.add(new Pending(at, new Draft.Mqtt(topics[k], String.format(bad[k], at), Expect.REJECTED), null));
        }
        sensors.addAll(extra);
    }
}
