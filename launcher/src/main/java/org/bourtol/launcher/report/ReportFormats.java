package org.bourtol.launcher.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bourtol.contracts.topic.Json;

/** The report as JSON (the API's default) or CSV (one line per region and hazard, then the total). */
public final class ReportFormats {

    private static final CsvMapper CSV = new CsvMapper();

    private ReportFormats() {
    }

    public static String json(MonthlyReport.Report r) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Columns: month, status (final or provisional), region, region name, hazard, then every indicator of {@link Indicators#COLUMNS}. */
    public static String csv(MonthlyReport.Report r) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).addColumn("month").addColumn("status").addColumn("region")
                .addColumn("regionName").addColumn("hazard");
        Indicators.COLUMNS.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (SequenceWriter w = CSV.writer(schema.build()).writeValues(out)) {
            List<MonthlyReport.Row> rows = new ArrayList<>(r.rows());
            rows.add(r.total());
            for (MonthlyReport.Row row : rows) {
                List<Object> line = new ArrayList<>(List.of(r.month(), r.status(), row.region(), row.regionName() == null ? "" : row.regionName(),
                        row.hazard()));
                for (String c : Indicators.COLUMNS) {
                    Number n = row.indicators().get(c);
                    line.add(n == null ? "" : n);
                }
                w.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
