package org.bourtol.launcher.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.bourtol.launcher.report.MonthlyReport;
import org.bourtol.launcher.report.ReportFormats;
import org.bourtol.launcher.report.ReportHtml;
import org.bourtol.launcher.report.ReportInputs;
import org.bourtol.platform.http.ApiAuth;
import org.bourtol.platform.http.ApiException;
import org.bourtol.platform.http.Role;
import org.bourtol.platform.kafka.KafkaClients;

/**
 * {@code GET /api/v1/reports/monthly?month=2026-08[&region=mopti][&format=json|csv|html][&lang=fr|en][&asOf=2026-09-15]}
 * (viewer): the monthly indicator report, computed on each request from the topics (read from their
 * start, no consumer group) in the console's time zone, counting what was recorded up to {@code asOf}
 * (default now; a report issued earlier is reproduced with its {@code asOf}), and at most up to the month's
 * settling instant ({@code reports.settleDays} after its end: then the report is final). JSON by default; CSV as an attachment; HTML is a
 * printable page (French by default) whose charts are drawn by {@code /console/report/page.js} with the
 * console's chart library, under the console's Content-Security-Policy.
 */
final class ReportsApi {

    private static final Set<String> FORMATS = Set.of("json", "csv", "html");

    private final KafkaClients kafka;
    private final ZoneId timezone;

    private final java.time.Duration settle;

    ReportsApi(KafkaClients kafka, ZoneId timezone, java.time.Duration settle) {
        this.settle = settle;
        this.kafka = kafka;
        this.timezone = timezone;
    }

    void mount(Router router, ApiAuth auth) {
        router.get("/api/v1/reports/monthly").handler(auth.require(Role.VIEWER)).handler(this::monthly);
        router.get("/api/v1/reports/labels").handler(auth.require(Role.VIEWER)).handler(ctx -> ConsoleApi.json(ctx, 200,
                ReportHtml.labels("en".equals(ctx.queryParams().get("lang")) ? "en" : "fr")));
    }

    private void monthly(RoutingContext ctx) {
        String m = ctx.queryParams().get("month");
        String format = ctx.queryParams().get("format") == null ? "json" : ctx.queryParams().get("format").trim().toLowerCase();
        String lang = ctx.queryParams().get("lang") == null ? "fr" : ctx.queryParams().get("lang").trim().toLowerCase();
        String region = ctx.queryParams().get("region");
        YearMonth month;
        try {
            month = YearMonth.parse(m == null ? "" : m.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("report refused", List.of("'month' must be a month as YYYY-MM, e.g. 2026-08"));
        }
        if (!FORMATS.contains(format)) {
            throw ApiException.badRequest("report refused", List.of("'format' must be json, csv or html"));
        }
        if (!lang.equals("fr") && !lang.equals("en")) {
            throw ApiException.badRequest("report refused", List.of("'lang' must be fr or en"));
        }
        Instant asOf;
        try {
            asOf = MonthlyReport.asOf(ctx.queryParams().get("asOf"), Instant.now());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("report refused", List.of(e.getMessage()));
        }
        if (region != null && !region.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ApiException.badRequest("report refused", List.of("'region' must be a region id such as mopti or region-mopti"));
        }
        ctx.vertx().executeBlocking(() -> MonthlyReport.compute(ReportInputs.read(kafka), month, region, timezone, asOf, settle), false)
                .onSuccess(r -> {
                    var response = ctx.response().setStatusCode(200);
                    switch (format) {
                        case "csv" -> response.putHeader("content-type", "text/csv; charset=utf-8")
                                .putHeader("content-disposition", "attachment; filename=\"bourtol-report-" + r.month()
                                        + (r.region() == null ? "" : "-" + r.region()) + ".csv\"")
                                .end(ReportFormats.csv(r));
                        case "html" -> {
                            ConsoleAssets.securityHeaders(response);
                            response.putHeader("content-type", "text/html; charset=utf-8").end(ReportHtml.render(r, lang));
                        }
                        default -> response.putHeader("content-type", "application/json").end(ReportFormats.json(r));
                    }
                })
                .onFailure(e -> ctx.fail(new ApiException(503, "report not computed: the topics could not be read ("
                        + e.getMessage() + ")")));
    }
}
