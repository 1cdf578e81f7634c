package org.bourtol.launcher.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bourtol.contracts.text.TextFiles;
import org.bourtol.contracts.topic.Json;

/**
 * The report as a printable HTML page in French or English: the figures as tables written here (readable
 * without scripts), and the data of two charts (alerts per week by hazard, time to acknowledge) in a
 * {@code <script type="application/json">} block that {@code /console/report/page.js} draws with uPlot,
 * the console's chart library. No inline script or style, so the console's Content-Security-Policy
 * applies unchanged. Texts come from {@code labels_<lang>.properties}.
 */
public final class ReportHtml {

    private static final Map<String, Properties> LABELS = Map.of("fr", TextFiles.load(ReportHtml.class, "labels_fr.properties"),
            "en", TextFiles.load(ReportHtml.class, "labels_en.properties"));

    private ReportHtml() {
    }

    /** Every text of the report in {@code lang} (fr, else en), for the console's report view. */
    public static Map<String, String> labels(String lang) {
        Properties l = LABELS.getOrDefault(lang, LABELS.get("fr"));
        Map<String, String> out = new java.util.TreeMap<>();
        l.stringPropertyNames().forEach(k -> out.put(k, l.getProperty(k).trim()));
        return out;
    }

    public static String render(MonthlyReport.Report r, String lang) {
        Properties l = LABELS.getOrDefault(lang, LABELS.get("fr"));
        StringBuilder h = new StringBuilder(16_384);
        String title = l.getProperty("title") + " — " + r.month();
        h.append("<!doctype html>\n<html lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Bourtol — ").append(esc(title)).append("</title>")
                .append("<link rel=\"icon\" href=\"/console/favicon.svg\" type=\"image/svg+xml\">")
                .append("<link rel=\"stylesheet\" href=\"/vendor/uplot/uPlot.min.css\">")
                .append("<link rel=\"stylesheet\" href=\"/console/report/report.css\"></head>\n<body>\n");
        h.append("<header><h1>").append(esc(title)).append("</h1><dl>");
        item(h, l.getProperty("period"), r.from() + " — " + r.to());
        item(h, l.getProperty("timezone"), r.timezone());
        item(h, l.getProperty("region"), r.region() == null ? l.getProperty("allRegions") : r.region());
        item(h, l.getProperty("asOf"), r.asOf().truncatedTo(ChronoUnit.SECONDS).toString());
        h.append("</dl><p class=\"state\">").append(esc(l.getProperty(r.closed() ? "closed" : "open")
                .replace("{settledAt}", r.settledAt().truncatedTo(ChronoUnit.SECONDS).toString()))).append("</p></header>\n");

        h.append("<section><h2>").append(esc(l.getProperty("charts"))).append("</h2><div class=\"charts\">")
                .append("<figure><figcaption>").append(esc(l.getProperty("chart.weeks"))).append("</figcaption><div id=\"chart-weeks\"></div></figure>")
                .append("<figure><figcaption>").append(esc(l.getProperty("chart.ack"))).append("</figcaption><div id=\"chart-ack\"></div></figure>")
                .append("</div></section>\n");

        List<MonthlyReport.Row> columns = new ArrayList<>(r.rows());
        columns.add(r.total());
        h.append("<section><h2>").append(esc(l.getProperty("byRow"))).append("</h2><table id=\"report-table\"><thead><tr><th>")
                .append(esc(l.getProperty("indicator"))).append("</th>");
        for (MonthlyReport.Row c : columns) {
            boolean total = c == r.total();
            String region = total ? l.getProperty("total") : c.regionName() != null ? c.regionName()
                    : MonthlyReport.UNKNOWN.equals(c.region()) ? l.getProperty("unknownRegion") : c.region();
            h.append("<th scope=\"col\">").append(esc(region)).append("<br><span class=\"hazard\">")
                    .append(esc(l.getProperty("hazard." + c.hazard(), c.hazard()))).append("</span></th>");
        }
        h.append("</tr></thead><tbody>");
        for (String col : Indicators.COLUMNS) {
            h.append("<tr data-indicator=\"").append(col).append("\"><th scope=\"row\">").append(esc(l.getProperty("col." + col, col).trim()))
                    .append("</th>");
            for (MonthlyReport.Row c : columns) {
                Number n = c.indicators().get(col);
                h.append("<td>").append(n == null ? "—" : esc(format(n))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></section>\n<footer><p>").append(esc(l.getProperty("method"))).append("</p></footer>\n");
        h.append("<script type=\"application/json\" id=\"report-data\">").append(chartData(r, l)).append("</script>\n")
                .append("<script src=\"/vendor/uplot/uPlot.iife.min.js\"></script>")
                .append("<script type=\"module\" src=\"/console/report/page.js\"></script>\n</body></html>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, String term, String value) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    private static String format(Number n) {
        return n instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(n);
    }

    /** The charts' data and captions as JSON safe inside a script element. */
    static String chartData(MonthlyReport.Report r, Properties l) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("weeks", Json.MAPPER.valueToTree(r.weeks()));
        n.set("ackMinutes", Json.MAPPER.valueToTree(r.ackMinutes()));
        ObjectNode hazards = n.putObject("hazards");
        for (String hz : List.of("conflict", "flood")) {
            hazards.put(hz, l.getProperty("hazard." + hz));
        }
        try {
            return Json.MAPPER.writeValueAsString(n).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
