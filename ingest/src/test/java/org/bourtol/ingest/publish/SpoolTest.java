package org.bourtol.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.bourtol.platform.kafka.Outgoing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private static Outgoing record(String v) {
        return new Outgoing("t", "k".getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Outgoing o) {
        return new String(o.value(), StandardCharsets.UTF_8);
    }

    @Test
    void undeliveredRecordsSurviveARestartInOrder() {
        try (Spool s = new Spool(dir)) {
            s.append(List.of(record("a"), record("b")));
            s.append(List.of(record("c")));
            s.commit(1);
        }
        try (Spool s = new Spool(dir)) {
            assertEquals(2, s.size());
            assertEquals(List.of("b", "c"), s.peek(10).stream().map(SpoolTest::value).toList());
            s.commit(2);
            assertEquals(0, s.size());
        }
        try (Spool s = new Spool(dir)) {
            assertEquals(0, s.size());
            s.append(List.of(record("d")));
        }
        try (Spool s = new Spool(dir)) {
            assertEquals(List.of("d"), s.peek(10).stream().map(SpoolTest::value).toList());
        }
    }

    @Test
    void aTornLastLineIsSkipped() throws Exception {
        try (Spool s = new Spool(dir)) {
            s.append(List.of(record("a")));
        }
        Files.writeString(dir.resolve("spool.log"), "{\"topic\":\"t\",\"val", StandardOpenOption.APPEND);
        try (Spool s = new Spool(dir)) {
            assertEquals(List.of("a"), s.peek(10).stream().map(SpoolTest::value).toList());
        }
    }

    @Test
    void tombstonesKeepTheirNullValue() {
        try (Spool s = new Spool(dir)) {
            s.append(List.of(new Outgoing("t", "k".getBytes(StandardCharsets.UTF_8), null)));
        }
        try (Spool s = new Spool(dir)) {
            assertEquals(null, s.peek(1).get(0).value());
        }
    }
}
