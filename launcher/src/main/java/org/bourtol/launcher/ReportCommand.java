package org.bourtol.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.bourtol.contracts.config.BourtolConfig;
import org.bourtol.launcher.report.MonthlyReport;
import org.bourtol.launcher.report.ReportFormats;
import org.bourtol.launcher.report.ReportHtml;
import org.bourtol.launcher.report.ReportInputs;
import org.bourtol.platform.kafka.KafkaClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bourtol report --month 2026-08}: the monthly indicator report of a running Bourtol, computed
 * from its Kafka topics (the same as {@code GET /api/v1/reports/monthly}), printed or written to a file.
 * Exit codes: 0 done, 1 Kafka not readable, 2 invalid option or configuration.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Monthly indicators per region and hazard (alerts, SMS, acknowledgements, actions, outcomes, reports), from the topics.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month, e.g. 2026-08")
    String month;

    @Option(names = "--region", paramLabel = "ID", description = "One region (mopti or region-mopti); all regions when absent")
    String region;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "csv (default), json or html")
    String format;

    @Option(names = "--lang", defaultValue = "fr", paramLabel = "LANG", description = "Language of the HTML page: fr (default) or en")
    String lang;

    @Option(names = "--as-of", paramLabel = "WHEN",
            description = "Count what was recorded up to this day (2026-09-15) or instant; default now (reproduces a report issued then);"
                    + " a closed month (reports.settleDays after its end) is always cut off at its settling instant")
    String asOf;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of the standard output")
    Path output;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        return run(config.load(), System.out, System.err);
    }

    int run(BourtolConfig cfg, PrintStream out, PrintStream err) throws Exception {
        YearMonth m;
        try {
            m = YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            err.println("bourtol: --month must be a month as YYYY-MM, e.g. 2026-08 (got '" + month + "')");
            return Bourtol.EXIT_CONFIG;
        }
        if (!format.equals("csv") && !format.equals("json") && !format.equals("html")) {
            err.println("bourtol: --format must be csv, json or html (got '" + format + "')");
            return Bourtol.EXIT_CONFIG;
        }
        if (!lang.equals("fr") && !lang.equals("en")) {
            err.println("bourtol: --lang must be fr or en (got '" + lang + "')");
            return Bourtol.EXIT_CONFIG;
        }
        Instant cutOff;
        try {
            cutOff = MonthlyReport.asOf(asOf, Instant.now());
        } catch (IllegalArgumentException e) {
            err.println("bourtol: --as-of: " + e.getMessage());
            return Bourtol.EXIT_CONFIG;
        }
        if (cfg.kafka().bootstrap() == null) {
            err.println("bourtol: kafka.bootstrap (BOURTOL_KAFKA_BOOTSTRAP) is not set: the report reads a running Bourtol's Kafka");
            return Bourtol.EXIT_CONFIG;
        }
        ReportInputs inputs;
        try {
            inputs = ReportInputs.read(new KafkaClients(cfg.kafka()));
        } catch (RuntimeException e) {
            err.println("bourtol: the topics could not be read from " + cfg.kafka().bootstrap() + ": " + e.getMessage());
            return 1;
        }
        MonthlyReport.Report r = MonthlyReport.compute(inputs, m, region, cfg.notifier().timezone(), cutOff,
                java.time.Duration.ofDays(cfg.reports().settleDays()));
        String text = switch (format) {
            case "json" -> ReportFormats.json(r) + System.lineSeparator();
            case "html" -> ReportHtml.render(r, lang);
            default -> ReportFormats.csv(r);
        };
        if (output != null) {
            Files.writeString(output, text);
            err.println("bourtol: report for " + r.month() + " written to " + output);
        } else {
            out.print(text);
        }
        return 0;
    }
}
