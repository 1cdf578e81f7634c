package org.bourtol.rules;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.platform.Component;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.StaticMembership;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.kafka.TopicLayout;
import org.bourtol.rules.api.AlertsApi;
import org.bourtol.rules.api.AlertsView;
import org.bourtol.rules.api.AuditHistory;
import org.bourtol.rules.api.Directories;
import org.bourtol.rules.api.RuleTypes;
import org.bourtol.rules.api.RulesRoutes;
import org.bourtol.rules.api.RulesApi;
import org.bourtol.rules.api.ZonesApi;
import org.bourtol.rules.backtest.BacktestApi;
import org.bourtol.rules.backtest.BacktestJobs;
import org.bourtol.rules.backtest.Backtester;
import org.bourtol.rules.backtest.FallbackHistory;
import org.bourtol.rules.backtest.History;
import org.bourtol.rules.backtest.KafkaHistory;
import org.bourtol.rules.backtest.OlderInputs;
import org.bourtol.rules.backtest.Replay;
import org.bourtol.rules.backtest.SmsForecast;
import org.bourtol.rules.dataset.Seeder;
import org.bourtol.rules.engine.CorruptRecordHandler;
import org.bourtol.rules.engine.ProcessingFailureHandler;
import org.bourtol.rules.engine.RuleValidator;
import org.bourtol.rules.engine.RulesEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules engine: zones, rules and alerts APIs (mounted at construction), first-start seeding of
 * the default dataset, and the Kafka Streams topology ({@link RulesTopology}) that evaluates every rule
 * family and publishes the alert lifecycle. Health: "rules" is up while the Streams app is RUNNING.
 */
public final class RulesComponent implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(RulesComponent.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** How often the rules look for hanging transactions (one is aborted on the second check that finds it). */
    static final Duration HANGING_CHECK = Duration.ofSeconds(30);
    /** Backtests that may wait while one runs. */
    private static final int BACKTEST_QUEUE = 3;

    private final Vertx vertx;
    private final BourtolConfig config;
    private final KafkaClients kafka;
    private final RulesEnv env;
    private final RuleValidator validator;
    private final TopicTable<Zone> zones;
    private final TopicTable<RuleDocument> rules;
    private final TopicTable<AuditEntry> audit;
    private final TopicTable<AlertEvent> alerts;
    private final Publisher publisher;
    private final Directories directories;
    private final TopicLayout layout;
    private final BacktestJobs backtests;
    private volatile HangingTransactions hanging;
    private volatile long hangingTimer = -1;
    private volatile KafkaStreams streams;

    /** On a single-node cluster (tests). */
    public RulesComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                          MeterRegistry metrics) {
        this(vertx, router, config, kafka, auth, metrics, TopicLayout.SINGLE_NODE);
    }

    /** With the cluster's topic layout, which the Streams internal topics (changelogs, repartitions) follow. */
    public RulesComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                          MeterRegistry metrics, TopicLayout layout) {
        this(vertx, router, config, kafka, auth, metrics, layout, null);
    }

    /**
     * With the backtests' SMS estimate ({@code sms}, the notifier's dry run wired by the launcher; null: backtests
     * say that SMS were not estimated).
     */
    public RulesComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                          MeterRegistry metrics, TopicLayout layout, SmsForecast sms) {
        this(vertx, router, config, kafka, auth, metrics, layout, sms, null);
    }

    /** With the observations older than Kafka's retention read from {@code older} (nullable) by backtests. */
    public RulesComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                          MeterRegistry metrics, TopicLayout layout, SmsForecast sms, OlderInputs older) {
        this.layout = layout;
        this.vertx = vertx;
        this.config = config;
        this.kafka = kafka;
        this.env = new RulesEnv(config.rules().grace(), config.rules().unverifiedWeight()).withStateExpiry(config.rules().stateExpiry())
                .withUpdateInterval(config.rules().updateInterval());
        this.validator = new RuleValidator(Families.byType(env));
        this.zones = new TopicTable<>(kafka, Topics.ZONES);
        this.rules = new TopicTable<>(kafka, Topics.RULES);
        AuditHistory history = new AuditHistory();
        this.audit = new TopicTable<>(kafka, Topics.AUDIT).onChange(history::add);
        this.alerts = new TopicTable<>(kafka, Topics.ALERTS);
        AlertsView view = new AlertsView(metrics, () -> alerts.isCaughtUp());
        alerts.onChange(view::apply);
        this.publisher = new Publisher(kafka, "bourtol-rules-api");
        this.directories = new Directories(zones, rules, publisher, history);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(Math.max(config.http().maxBodyBytes(), 8 * 1024 * 1024));
        this.backtests = new BacktestJobs(backtester(config, kafka, env, zones, rules, sms, older), BACKTEST_QUEUE, java.time.Clock.systemUTC());
        RulesRoutes.mount(router, auth, body, new ZonesApi(directories, validator),
                new RulesApi(directories, validator, new RuleTypes(Families.byType(env))), new AlertsApi(view, publisher),
                new BacktestApi(backtests, validator, zones::all));
        Gauge.builder("bourtol.rules.corrupt.skipped", CorruptRecordHandler::skipped).register(metrics);
        Gauge.builder("bourtol.rules.processing.skipped", ProcessingFailureHandler::skipped)
                .description("records skipped because a rule processor failed on them").register(metrics);
        Gauge.builder("bourtol.rules.late.dropped", env::tooLateCount).register(metrics);
    }

    /**
     * Backtests read the past from this instance's Kafka (completed by {@code older}, nullable, where retention deleted
     * part of the period) and replay it with the rules' own settings.
     */
    public static Backtester backtester(BourtolConfig config, KafkaClients kafka, RulesEnv env, TopicTable<Zone> zones,
                                        TopicTable<RuleDocument> rules, SmsForecast sms, OlderInputs older) {
        History history = older == null ? new KafkaHistory(kafka) : new FallbackHistory(new KafkaHistory(kafka), older);
        return new Backtester(history, new Replay(env.grace(), env.unverifiedWeight()), zones::all, rules::all, sms,
                Duration.ofDays(config.kafka().observationRetentionDays()));
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public void registerHealth(HealthRegistry health) {
        health.register("rules", () -> {
            KafkaStreams s = streams;
            if (s == null) {
                return HealthRegistry.Status.down("not started");
            }
            KafkaStreams.State state = s.state();
            return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                    ? HealthRegistry.Status.up("streams " + state) : HealthRegistry.Status.down("streams " + state);
        });
    }

    @Override
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            directoryTables().forEach(TopicTable::start);
            for (TopicTable<?> c : directoryTables()) {
                if (!c.awaitCaughtUp(CATCH_UP)) {
                    throw new IllegalStateException("directory topics not readable within " + CATCH_UP.toSeconds() + " s");
                }
            }
            Seeder.seedIfEmpty(directories, validator);
            Properties client = kafka.common();
            client.putAll(kafka.membership());
            // static members (Streams appends the thread index): a restart after a crash gets its tasks back at once
            client.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                    "rules-" + StaticMembership.memberId(config.dataDir()));
            // a crashed incarnation's open transactions would hold every read_committed reader until the broker's timeout
            TransactionFence fence = new TransactionFence(config.dataDir());
            fence.abortPrevious(kafka.common());
            // a transaction Kafka completed without its markers (a leaderless moment after an unclean broker restart) holds them for good
            hanging = new HangingTransactions(Admin.create(kafka.common()), config.rules().applicationId());
            vertx.executeBlocking(hanging::check, true);
            hangingTimer = vertx.setPeriodic(HANGING_CHECK.toMillis(), id -> vertx.executeBlocking(hanging::check, true));
            try (Admin admin = Admin.create(kafka.common())) {
                env.withInputsLoggedBefore(RulesTopology.inputsLoggedBefore(env, admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS),
                        config.rules().applicationId()));
            }
            KafkaStreams s = new KafkaStreams(RulesTopology.build(env), RulesTopology.scaledOut(
                    RulesTopology.properties(client, config.rules().applicationId(), config.dataDir()),
                    layout, config.rules().standbyReplicas()));
            s.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    fence.remember(s.metadataForLocalThreads());
                }
            });
            s.setUncaughtExceptionHandler(e -> {
                LOG.error("rules stream thread failed, replacing it", e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            s.start();
            streams = s;
            LOG.info("rules started [applicationId: {}, zones: {}, rules: {}]", config.rules().applicationId(),
                    zones.all().size(), rules.all().size());
            return null;
        });
    }

    @Override
    public Future<Void> stop() {
        return vertx.executeBlocking(() -> {
            KafkaStreams s = streams;
            if (s != null) {
                // leave the group so a restarted instance gets its tasks at once, not after the session timeout
                s.close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                        org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(10)));
            }
            vertx.cancelTimer(hangingTimer);
            if (hanging != null) {
                hanging.close();
            }
            backtests.close();
            directoryTables().forEach(TopicTable::close);
            publisher.close();
            return null;
        });
    }

    /** The topics the APIs and the seeder read as tables: zones, rules, audit and alerts. */
    private List<TopicTable<?>> directoryTables() {
        return List.of(zones, rules, audit, alerts);
    }

    /** The running Streams app, for tests and benchmarks; null before start. */
    KafkaStreams streams() {
        return streams;
    }
}
