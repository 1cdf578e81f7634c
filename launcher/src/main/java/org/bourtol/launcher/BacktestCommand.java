package org.bourtol.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.contracts.directory.RuleDocument;
import org.bourtol.contracts.directory.Zone;
import org.bourtol.contracts.topic.Json;
import org.bourtol.contracts.topic.Topics;
import org.bourtol.launcher.instance.DryRunForecast;
import org.bourtol.launcher.instance.InfluxInputs;
import org.bourtol.platform.kafka.TopicTable;
import org.bourtol.platform.kafka.KafkaClients;
import org.bourtol.rules.Families;
import org.bourtol.rules.RulesComponent;
import org.bourtol.rules.backtest.BacktestRequest;
import org.bourtol.rules.backtest.BacktestResult;
import org.bourtol.rules.backtest.BacktestTable;
import org.bourtol.rules.backtest.Backtester;
import org.bourtol.rules.engine.RuleValidator;
import org.bourtol.rules.engine.RulesEnv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bourtol backtest}: replays a past period of a running Bourtol's Kafka with candidate rules (and
 * zones) and prints what they would have raised and texted next to what was raised. Exit codes: 0 done,
 * 1 failure (no data, Kafka unreachable), 2 invalid configuration or invalid candidate rule or zone (every
 * problem printed, each naming its field).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay a past period with candidate rules and compare with the alerts actually raised.")
public final class BacktestCommand implements Callable<Integer> {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Option(names = "--rules", required = true, paramLabel = "FILE",
            description = "Candidate rules: a JSON array of rule documents as GET /api/v1/rules returns them; rules not in it keep their current version")
    Path rules;

    @Option(names = "--zones", paramLabel = "FILE", description = "Candidate zones: a JSON array of zones as GET /api/v1/zones returns them")
    Path zones;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (YYYY-MM-DD, UTC) or instant")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, included (YYYY-MM-DD, UTC) or instant (excluded)")
    String to;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the result as JSON (the same as GET /api/v1/backtests/{id} shows)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(config.load(), out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    int run(BourtolConfig cfg, PrintWriter out, PrintWriter err) throws Exception {
        if (cfg.kafka().bootstrap() == null) {
            err.println("bourtol: kafka.bootstrap (BOURTOL_KAFKA_BOOTSTRAP) is not set: the backtest reads a running Bourtol's Kafka");
            return Bourtol.EXIT_CONFIG;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        try {
            body.set("rules", read(rules));
            if (zones != null) {
                body.set("zones", read(zones));
            }
        } catch (IOException e) {
            err.println("bourtol: " + e.getMessage());
            return Bourtol.EXIT_CONFIG;
        }
        body.put("from", from);
        body.put("to", to);
        KafkaClients kafka = new KafkaClients(cfg.kafka());
        RulesEnv env = new RulesEnv(cfg.rules().grace(), cfg.rules().unverifiedWeight());
        try (TopicTable<Zone> zoneCache = new TopicTable<>(kafka, Topics.ZONES).start();
                TopicTable<RuleDocument> ruleCache = new TopicTable<>(kafka, Topics.RULES).start()) {
            if (!zoneCache.awaitCaughtUp(CATCH_UP) || !ruleCache.awaitCaughtUp(CATCH_UP)) {
                err.println("bourtol: zones and rules not read from " + kafka.bootstrap() + " within " + CATCH_UP.toSeconds() + " s");
                return 1;
            }
            BacktestRequest request;
            try {
                request = BacktestRequest.parse(body, new RuleValidator(Families.byType(env)), zoneCache.all());
            } catch (BacktestRequest.Invalid e) {
                err.println("bourtol: backtest refused:");
                e.problems().forEach(p -> err.println("  " + p));
                return Bourtol.EXIT_CONFIG;
            }
            Backtester backtester = RulesComponent.backtester(cfg, kafka, env, zoneCache, ruleCache, new DryRunForecast(cfg, kafka),
                    InfluxInputs.of(cfg));
            BacktestResult result;
            try {
                result = backtester.run(request, () -> false, n -> {});
            } catch (Backtester.NoData e) {
                err.println("bourtol: " + e.getMessage());
                return 1;
            }
            out.print(json ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result) + System.lineSeparator()
                    : BacktestTable.format(result));
            return 0;
        }
    }

    private static JsonNode read(Path file) throws IOException {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException(file + ": not readable JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
        return n;
    }

}
