package org.bourtol.ingest.sms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bourtol.ingest.place.ZonesFixture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing throughput on one core: each operation parses one message and renders its reply, cycling
 * through the card cases ({@code sms-grammar-cases.csv}) and the field corpus ({@code sms-field-corpus.csv})
 * against the zones fixture. Run with {@code mvn -Pbench -pl ingest -am test -DskipTests}.
 *
 * <p>{@link #baselineFoldAndSplit} is the floor any parser pays on the same messages (accent folding,
 * lower case, splitting into words); report {@link #parseAndReply} as a ratio to it, measured in the
 * same run, because the build machines are shared and absolute figures move with their load.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SmsParserBench {

    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SmsParser parser;
    private String[] messages;
    private int next;

    @Setup
    public void setUp() throws IOException {
        parser = new SmsParser(ZonesFixture.gazetteer());
        List<String> all = new ArrayList<>();
        all.addAll(bodies("/sms-grammar-cases.csv"));
        all.addAll(bodies("/sms-field-corpus.csv"));
        messages = all.toArray(new String[0]);
    }

    @Benchmark
    public String parseAndReply() {
        String body = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return Replies.receipt(parser.parse(body, Language.FR), "R7K2");
    }

    @Benchmark
    public int baselineFoldAndSplit() {
        String body = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        String folded = Normalizer.normalize(body, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return WORDS.split(folded).length;
    }

    private static List<String> bodies(String resource) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SmsParserBench.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.substring(0, line.lastIndexOf(';')));
                }
            }
        }
        return out;
    }
}
