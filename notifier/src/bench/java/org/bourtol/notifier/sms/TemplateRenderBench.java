package org.bourtol.notifier.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourtol.contracts.alert.Alert;
import org.bourtol.contracts.alert.AlertState;
import org.bourtol.contracts.alert.Severity;
import org.bourtol.contracts.delivery.DeliveryStep;
import org.bourtol.contracts.directory.Recipient;
import org.bourtol.contracts.observation.Hazard;
import org.bourtol.contracts.text.Gsm7;
import org.bourtol.notifier.Fixtures;
import org.bourtol.notifier.escalation.Planner;
import org.bourtol.notifier.ledger.Ledger;
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
 * SMS template rendering on one core, with the bundled templates: {@link #single} renders one alert's SMS for
 * one recipient (headline, instruction, GSM-7, shortened to one segment), {@link #grouped} splits five alerts
 * due to one recipient into grouped SMS. Run with {@code mvn -Pbench -pl notifier -am test -DskipTests}.
 *
 * <p>{@link #baselineConcatAndTransliterate} is the floor any renderer pays for the same SMS (concatenating the
 * headline and code, transliterating to GSM-7 and counting segments); report the others as ratios to it,
 * measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TemplateRenderBench {

    private final Templates templates = new Templates();
    private List<Planner.Due> one;
    private List<Planner.Due> five;
    private Alert alert;

    @Setup
    public void setUp() {
        Recipient r = Fixtures.recipient("r1", "peace-committee", "+22790000001", "fr", List.of("mopti"), null, null, null);
        String[] places = {"Mopti", "Sofara", "Djenné", "Ké-Macina", "Diafarabé"};
        five = new ArrayList<>();
        for (int i = 0; i < places.length; i++) {
            Alert a = Fixtures.alert("a" + i, "K" + i + "Q", Hazard.FLOOD, places[i].toLowerCase(), places[i], Severity.Severe,
                    "Niger à " + places[i] + ": 7" + i + "0 cm, seuil orange 650 cm dépassé",
                    "Niger at " + places[i] + ": 7" + i + "0 cm, orange level 650 cm exceeded");
            five.add(new Planner.Due(new Ledger.Item(a.id(), DeliveryStep.parse("alert-Severe"), r.id()), Planner.Kind.ALERT, a, r));
        }
        one = List.of(five.get(2));
        alert = Fixtures.alert("a9", "M7K", Hazard.FLOOD, "niamey", Severity.Severe, AlertState.ACTIVE, false);
    }

    @Benchmark
    public Templates.Rendered single() {
        return templates.render("fr", "peace-committee", one);
    }

    @Benchmark
    public List<Templates.Message> grouped() {
        return templates.split("fr", "peace-committee", five);
    }

    @Benchmark
    public int baselineConcatAndTransliterate() {
        return Gsm7.segments(Gsm7.transliterate(one.get(0).alert().headline().get("fr") + ". Eloignez-vous du fleuve. OK " + alert.code()));
    }
}
