package org.bourtol.notifier;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bourtol.contracts.alert.AlertEvent;
import org.bourtol.contracts.alert.AlertStates;
import org.bourtol.contracts.alert.Warning;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.config.ConfigException;
import org.bourtol.contracts.delivery.Delivery;
import org.bourtol.contracts.directory.AuditEntry;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.privacy.Pseudonyms;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.notifier.cap.CapRoutes;
import org.bourtol.notifier.directory.RecipientApi;
import org.bourtol.notifier.directory.RecipientValidator;
import org.bourtol.notifier.escalation.EscalationPolicy;
import org.bourtol.notifier.escalation.Grouper;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.DeliveryRecorder;
import org.bourtol.notifier.ledger.Ledger;
import org.bourtol.notifier.ledger.LedgerReader;
import org.bourtol.notifier.mqtt.AlertTopics;
import org.bourtol.platform.retry.RetryPolicy;
import org.bourtol.notifier.sms.SendQueue;
import org.bourtol.notifier.sms.SmsDispatcher;
import org.bourtol.notifier.sms.SmsGateway;
import org.bourtol.notifier.sms.Templates;
import org.bourtol.notifier.sms.TwilioGateway;
import org.bourtol.notifier.warning.WarningValidator;
import org.bourtol.notifier.warning.WarningsApi;
import org.bourtol.platform.Component;
import org.bourtol.platform.health.HealthRegistry;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.platform.kafka.Publisher;
import org.bourtol.platform.kafka.StaticMembership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier: recipient directory, routing, SMS via Twilio (or a local Twilio-compatible sink when
 * Twilio is not configured), repeats, escalation, all-clears, MQTT alert topics, the CAP feed and the
 * officer-issued warnings API (drafts on {@code bourtol.warnings.v1}, see docs/warnings.md).
 * Any number of instances may run: the one holding the alerts partition sends (see docs/notifier.md).
 */
public final class NotifierComponent implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierComponent.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration MQTT_CONNECT_WAIT = Duration.ofSeconds(10);
    /** Account SID the local sink is used with when Twilio is not configured. */
    public static final String SINK_ACCOUNT = "AC" + "0".repeat(32);

    /**
     * Things tests replace: the clock, the retry timing, the policy, the loop period. The policy here is
     * used unless {@code notifier.escalationPolicyFile} is set, which replaces it.
     */
    public record Options(Clock clock, RetryPolicy retry, EscalationPolicy policy, Duration tick) {
        public static Options defaults() {
            return new Options(Clock.systemUTC(), RetryPolicy.DEFAULT, EscalationPolicy.defaults(), Duration.ofMillis(200));
        }
    }

    private final Vertx vertx;
    private final BourtolConfig config;
    private final KafkaClients kafka;
    private final MeterRegistry metrics;
    private final Pseudonyms pseudonyms;
    private final Options options;
    private final Publisher publisher;
    private final TopicTable<Recipient> recipients;
    private final TopicTable<Zone> zones;
    private final TopicTable<AlertEvent> alertTopic;
    private final AlertStates alerts = new AlertStates();
    private final TopicTable<AuditEntry> audit;
    private final TopicTable<Warning> warnings;
    private final Ledger ledger;
    private final Templates templates;
    private final EscalationPolicy policy;
    private final AlertTopics mqtt;
    private final String instanceId;
    private volatile LedgerReader ledgerReader;
    private volatile AckVerifier ackVerifier;
    private volatile NotifierEngine engine;
    /** Base URL of the local Twilio-compatible server SMS go to when Twilio is not configured (null: none). */
    private volatile String localServer;
    private volatile boolean sendsLocally;
    private volatile SmsGateway gateway;
    private volatile SendQueue queue;
    /** What a notifier without Twilio says when it refuses to start. */
    public static final String TWILIO_REQUIRED = "twilio: the notifier needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM"
            + " or TWILIO_MESSAGING_SERVICE_SID (twilio.accountSid, twilio.authToken, twilio.from, twilio.messagingServiceSid);"
            + " only demo and run --embedded send to a local Twilio-compatible server instead";
    /** Worker threads for Twilio calls (retries wait on a timer, not here). */
    static final int WORKERS = 4;

    public NotifierComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                             MeterRegistry metrics, Pseudonyms pseudonyms) {
        this(vertx, router, config, kafka, auth, metrics, pseudonyms, Options.defaults());
    }

    public NotifierComponent(Vertx vertx, Router router, BourtolConfig config, KafkaClients kafka, ApiAuth auth,
                             MeterRegistry metrics, Pseudonyms pseudonyms, Options options) {
        this.vertx = vertx;
        this.config = config;
        this.kafka = kafka;
        this.metrics = metrics;
        this.pseudonyms = pseudonyms;
        this.options = options;
        BourtolConfig.Notifier n = config.notifier();
        List<String> problems = new ArrayList<>();
        this.templates = loadOrCollect(() -> Templates.load(n.templatesDir()), problems);
        this.policy = n.escalationPolicyFile() == null ? options.policy()
                : loadOrCollect(() -> EscalationPolicy.load(n.escalationPolicyFile()), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        LOG.info("notifier texts and policy [languages: {}, templates: {}, escalation policy: {}]", templates.languages(),
                n.templatesDir() == null ? "bundled" : n.templatesDir(), n.escalationPolicyFile() == null ? "built-in" : n.escalationPolicyFile());
        this.instanceId = config.notifier().instanceId() != null ? config.notifier().instanceId()
                : "notifier-" + StaticMembership.memberId(config.dataDir());
        this.publisher = new Publisher(kafka, "bourtol-" + instanceId);
        this.recipients = new TopicTable<>(kafka, Topics.RECIPIENTS);
        this.zones = new TopicTable<>(kafka, Topics.ZONES);
        this.ledger = new Ledger(!config.twilio().configured());
        this.alertTopic = new TopicTable<>(kafka, Topics.ALERTS);
        RecipientValidator validator = new RecipientValidator(templates::knows,
                z -> zones.all().isEmpty() || zones.get(z).isPresent());
        this.audit = new TopicTable<>(kafka, Topics.AUDIT);
        new RecipientApi(recipients, audit, publisher, validator, options.clock()).mount(router, auth);
        new CapRoutes(alerts, zones, config.http().publicUrl()).mount(router);
        this.warnings = new TopicTable<>(kafka, Topics.WARNINGS);
        String office = n.warningOffice() != null ? n.warningOffice() : CapRoutes.sender(config.http().publicUrl());
        new WarningsApi(warnings, alerts, publisher, new WarningValidator(templates, zones::all),
                new WarningsApi.Settings(office, n.warningAuthorMaySend()), options.clock()).mount(router, auth);
        this.mqtt = config.mqtt() != null && config.mqtt().url() != null ? new AlertTopics(config.mqtt().forNotifier(), instanceId) : null;
        // a change of an alert, a recipient or a zone is planned at once, not at the end of the engine's tick
        recipients.onChange((id, r) -> nudge());
        zones.onChange((id, z) -> nudge());
        alertTopic.onChange((id, ev) -> alerts.apply(ev).ifPresent(state -> {
            nudge();
            if (mqtt != null && engine != null && engine.isOwner()) {
                mqtt.publish(state, alerts.all());
            }
        }));
    }

    private void nudge() {
        NotifierEngine e = engine;
        if (e != null) {
            e.nudge();
        }
    }

    private static <T> T loadOrCollect(Supplier<T> load, List<String> problems) {
        try {
            return load.get();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    @Override
    public String name() {
        return "notifier";
    }

    /**
     * Lets this notifier send to a local Twilio-compatible server at {@code baseUrl} when Twilio is not
     * configured (the simulator's {@code LocalTwilioServer}; only {@code demo} and {@code run --embedded}
     * start one and call this). Without it, a notifier without Twilio credentials refuses to start
     * (a {@link ConfigException}: exit code 2).
     */
    public NotifierComponent sendToLocalServer(String baseUrl) {
        this.localServer = baseUrl;
        return this;
    }

    /** True while this instance owns the alerts and sends (the others stand by). */
    public boolean isSending() {
        NotifierEngine e = engine;
        return e != null && e.isOwner();
    }

    @Override
    public void registerHealth(HealthRegistry health) {
        health.register("twilio", () -> {
            if (gateway == null) {
                return HealthRegistry.Status.down("not started");
            }
            return sendsLocally ? HealthRegistry.Status.disabled(localServerNotice(localServer))
                    : HealthRegistry.Status.up(gateway.describe());
        });
        health.register("notifier", () -> engine == null ? HealthRegistry.Status.down("not started")
                : HealthRegistry.Status.up((engine.isOwner() ? "sending" : "standby") + ", ledger " + ledger.size()));
        health.register("mqtt-alerts", () -> mqtt == null ? HealthRegistry.Status.disabled("no MQTT url")
                : mqtt.connected() ? HealthRegistry.Status.up("connected") : HealthRegistry.Status.down("not connected"));
    }

    @Override
    public Future<Void> start() {
        return vertx.executeBlocking(() -> {
            recipients.start();
            zones.start();
            alertTopic.start();
            audit.start();
            warnings.start();
            for (TopicTable<?> c : new TopicTable<?>[] {recipients, zones, alertTopic, audit, warnings}) {
                if (!c.awaitCaughtUp(CATCH_UP)) {
                    throw new IllegalStateException("notifier directories not readable within " + CATCH_UP.toSeconds() + " s");
                }
            }
            gateway = createGateway();
            ledgerReader = new LedgerReader(kafka, ledger).start();
            queue = new SendQueue(WORKERS);
            DeliveryRecorder deliveries = new DeliveryRecorder(publisher, ledger, metrics);
            SmsDispatcher dispatcher = new SmsDispatcher(gateway, deliveries::recordAndWait, ledger, options.retry(), options.clock(), queue,
                    sendsLocally ? Delivery.LOCAL_SINK : Delivery.TWILIO);
            BourtolConfig.Notifier n = config.notifier();
            NotifierEngine.Deps deps = new NotifierEngine.Deps(kafka, publisher, deliveries, recipients, zones, alerts, ledger, ledgerReader,
                    dispatcher, queue, templates, new Planner(policy, n.repeatInterval()),
                    new Grouper(n.groupWindow(), n.extremeWindow(), n.maxSmsPerRecipientPerHour(), n.maxSmsPerHour(), n.timezone())
                            .countingSms(b -> templates.split(b.recipient().language(), b.recipient().role(), b.dues()).size()),
                    options.clock(), metrics,
                    "bourtol-notifier", instanceId, options.tick(), n.maxSmsPerHour());
            engine = new NotifierEngine(deps, new AcknowledgementRecorder(pseudonyms, ledger, options.clock(), deliveries::record),
                    new StatusUpdater(kafka, "bourtol-notifier", instanceId, ledger, deliveries::record));
            if (mqtt != null) {
                mqtt.onReconnect(() -> {
                    if (engine.isOwner()) {
                        mqtt.publishAll(alerts.all());
                    }
                }).start();
                engine.onGained(() -> mqtt.publishAll(alerts.all()));
                // ready means the alert topics are connected too: /health is not DOWN right after start
                if (!mqtt.awaitConnected(MQTT_CONNECT_WAIT)) {
                    LOG.warn("alert topics not connected within {} s; still trying, /health says so until they are",
                            MQTT_CONNECT_WAIT.toSeconds());
                }
            }
            engine.start();
            ackVerifier = new AckVerifier(kafka, "bourtol-notifier", instanceId, publisher, ledgerReader,
                    a -> AckVerifier.judge(a, alerts, ledger, recipients::get, pseudonyms),
                    x -> AckVerifier.judge(x.alertId(), x.code(), x.by(), alerts, ledger, recipients::get, pseudonyms),
                    options.clock(), metrics).start();
            LOG.info("notifier started [instance: {}, sms: {}, recipients: {}]", instanceId,
                    sendsLocally ? "local Twilio-compatible server at " + localServer + ", not Twilio" : gateway.describe(),
                    recipients.all().size());
            return null;
        });
    }

    private SmsGateway createGateway() throws Exception {
        BourtolConfig.Twilio t = config.twilio();
        if (t.configured()) {
            return TwilioGateway.fromConfig(t, config.http().publicUrl());
        }
        if (localServer == null) {
            throw new ConfigException(List.of(TWILIO_REQUIRED));
        }
        sendsLocally = true;
        LOG.warn(localServerNotice(localServer));
        BourtolConfig.Twilio local = new BourtolConfig.Twilio(SINK_ACCOUNT, "local-sink", "+15005550006", null, localServer);
        return TwilioGateway.fromConfig(local, config.http().publicUrl());
    }

    /** What health and the startup log say when SMS go to the local Twilio-compatible server. */
    public static String localServerNotice(String baseUrl) {
        return "Twilio not configured: SMS go to the local Twilio-compatible server at " + baseUrl
                + " (demo and tests), not to Twilio: no phone receives them";
    }

    @Override
    public Future<Void> stop() {
        return vertx.executeBlocking(() -> {
            if (ackVerifier != null) {
                ackVerifier.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (mqtt != null) {
                mqtt.close();
            }
            if (ledgerReader != null) {
                ledgerReader.close();
            }
            recipients.close();
            zones.close();
            alertTopic.close();
            audit.close();
            warnings.close();
            publisher.close();
            return null;
        });
    }
}
