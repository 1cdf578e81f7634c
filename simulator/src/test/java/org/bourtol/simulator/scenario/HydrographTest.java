package org.bourtol.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.List;
import org.bourtol.simulator.scenario.Hydrograph.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HydrographTest {

    private static final Instant JUN = day(6, 1);
    private static final Instant DEC = day(12, 31);

    private static Instant day(int month, int day) {
        return LocalDate.of(2024, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Hydrograph curve(String station, Profile p) {
        return Hydrograph.builtIn(station, 2024, p).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void moptiPeaksInOctoberOrNovember(Profile p) {
        Month m = curve("mopti", p).peak(JUN, DEC).atZone(ZoneOffset.UTC).getMonth();
        assertTrue(m == Month.OCTOBER || m == Month.NOVEMBER, m.toString());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void niameyLocalFloodPeaksInAugustOrSeptember(Profile p) {
        Month m = curve("niamey", p).peak(JUN, day(11, 1)).atZone(ZoneOffset.UTC).getMonth();
        assertTrue(m == Month.AUGUST || m == Month.SEPTEMBER, m.toString());
    }

    @Test
    void year2024FollowsThePublishedNiameyAndMoptiLevels() {
        Hydrograph niamey = curve("niamey", Profile.Y2024);
        assertEquals(600, niamey.levelAt(day(8, 18)), 0.5);
        assertEquals(632, niamey.levelAt(day(9, 14)), 0.5);
        Hydrograph mopti = curve("mopti", Profile.Y2024);
        assertEquals(716, mopti.levelAt(day(11, 8)), 0.5);
        assertEquals(590, mopti.levelAt(day(8, 20)), 0.5);
    }

    @Test
    void thresholdCrossingTimes() {
        Hydrograph y2020 = curve("niamey", Profile.Y2020);
        Instant red = y2020.firstCrossing(620, JUN, DEC).orElseThrow();
        assertTrue(!red.isBefore(day(8, 11)) && red.isBefore(day(8, 13)), red.toString());
        Instant yellow = y2020.firstCrossing(530, JUN, DEC).orElseThrow();
        assertTrue(yellow.isBefore(red));
        assertTrue(y2020.levelAt(yellow) >= 530 && y2020.levelAt(yellow.minusSeconds(120)) < 530);
        Instant moptiAlert = curve("mopti", Profile.Y2024).firstCrossing(650, JUN, DEC).orElseThrow();
        assertEquals(Month.SEPTEMBER, moptiAlert.atZone(ZoneOffset.UTC).getMonth());
        assertTrue(curve("niamey", Profile.NORMAL).firstCrossing(530, JUN, DEC).isEmpty(), "a normal year stays below yellow");
        assertTrue(curve("mopti", Profile.NORMAL).firstCrossing(650, JUN, DEC).isEmpty(), "a normal year stays below the Mopti alert");
    }

    @Test
    void noBuiltInCurveRisesAMetreInThreeDays() {
        for (String station : Hydrograph.builtInStations()) {
            for (Profile p : Profile.values()) {
                Hydrograph h = curve(station, p);
                for (Instant t = JUN; t.isBefore(DEC); t = t.plusSeconds(21_600)) {
                    double rise = h.levelAt(t.plusSeconds(3 * 86_400)) - h.levelAt(t);
                    assertTrue(rise < 100, station + " " + p + " rises " + rise + " cm in 72 h at " + t);
                }
            }
        }
        double mean = (curve("mopti", Profile.NORMAL).levelAt(day(9, 20)) - curve("mopti", Profile.NORMAL).levelAt(day(7, 15))) / 67;
        assertTrue(mean > 3 && mean < 7, "Mopti rises 3-5 cm/day on average, not " + mean);
    }

    @Test
    void customKeypoints() {
        Hydrograph h = Hydrograph.of("x", 2024, List.of("08-01:100", "08-11:200"));
        assertEquals(150, h.levelAt(day(8, 6)), 0.01);
        assertEquals(100, h.levelAt(day(7, 1)), 0.01);
        assertEquals(200, h.levelAt(day(9, 1)), 0.01);
    }
}
