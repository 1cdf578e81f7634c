package org.bourtol.launcher.instance;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.dryrun.DryRun;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.rules.backtest.SmsForecast;

/**
 * The backtests' SMS estimate: the notifier's {@link DryRun} with this configuration, over the recipient
 * directory as it is now (read from {@code bourtol.recipients.v1} for each estimate).
 */
public final class DryRunForecast implements SmsForecast {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final KafkaClients kafka;
    private final DryRun dryRun;

    /** @throws org.bourtol.contracts.config.ConfigException when the templates or escalation policy are invalid */
    public DryRunForecast(BourtolConfig config, KafkaClients kafka) {
        this.kafka = kafka;
        this.dryRun = DryRun.of(config.notifier());
    }

    @Override
    public List<Count> forecast(List<AlertEvent> events, Collection<Zone> zones, Instant end) {
        Collection<Recipient> recipients;
        try (TopicTable<Recipient> cache = new TopicTable<>(kafka, Topics.RECIPIENTS).start()) {
            if (!cache.awaitCaughtUp(CATCH_UP)) {
                throw new IllegalStateException(Topics.RECIPIENTS.name() + " not read within " + CATCH_UP.toSeconds() + " s");
            }
            recipients = cache.all().values().stream().filter(Recipient::active).toList();
        }
        return dryRun.run(events, recipients, zones, end).stream()
                .map(c -> new Count(c.recipient(), c.name(), c.sms(), c.segments(), c.first())).toList();
    }
}
