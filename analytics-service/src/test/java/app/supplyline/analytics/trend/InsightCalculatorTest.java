package app.supplyline.analytics.trend;

import app.supplyline.analytics.trend.InsightCalculator.Factor;
import app.supplyline.analytics.trend.InsightCalculator.Insight;
import app.supplyline.analytics.trend.InsightCalculator.Insights;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Insights that say no more than the data supports: a factor that only follows the number of pumpings is no
 * insight, a real hands-on effect is told with its size and uncertainty, and six factors that do nothing (plus the
 * setup comparisons) stay silent for at least 95 % of random parents.
 */
class InsightCalculatorTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final double Q = 0.1;

    /** A parent's pumpings over {@code days} days and the daily totals they make. */
    private record History(List<DailySupply> days, List<Pumping> pumpings, List<CheckIn> checkIns) {
    }

    private static History history(List<List<Pumping>> byDay, List<CheckIn> checkIns) {
        List<DailySupply> days = new ArrayList<>();
        List<Pumping> all = new ArrayList<>();
        for (int i = 0; i < byDay.size(); i++) {
            List<Pumping> day = byDay.get(i);
            double total = day.stream().mapToDouble(Pumping::totalMl).sum();
            days.add(new DailySupply(TODAY.minusDays(byDay.size() - i), total, total / 2, total / 2, day.size(), 0,
                    List.of(), null, null));
            all.addAll(day);
        }
        return new History(days, all, checkIns);
    }

    private static Instant at(int dayIndex, int days, int pumping) {
        return TODAY.minusDays(days - dayIndex).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(pumping * 10_800L);
    }

    private static Insights compute(History h) {
        return InsightCalculator.compute(h.days(), h.checkIns(), h.pumpings(), Q);
    }

    /**
     * Six weeks where the number of pumpings a day (5 to 9) makes both the volume (about 95 mL each) and the sleep
     * (fewer hours on busy days): sleep and volume move together strongly, and yet sleep says nothing of its own.
     */
    @Test
    void sleepThatOnlyFollowsTheNumberOfPumpingsIsNoInsight() {
        Random random = new Random(7);
        int days = 42;
        List<List<Pumping>> byDay = new ArrayList<>();
        List<CheckIn> checkIns = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            int pumpings = 5 + random.nextInt(5);
            List<Pumping> day = new ArrayList<>();
            for (int k = 0; k < pumpings; k++) {
                day.add(new Pumping(at(d, days, k), 95 + random.nextGaussian() * 12, null, null, null));
            }
            byDay.add(day);
            checkIns.add(new CheckIn(TODAY.minusDays(days - d), 9.5 - 0.5 * pumpings + random.nextGaussian() * 0.3,
                    2000 + random.nextInt(800), 1 + random.nextInt(5)));
        }
        History h = history(byDay, checkIns);
        double[] sleep = h.checkIns().stream().mapToDouble(CheckIn::sleepHours).toArray();
        double[] volume = h.days().stream().mapToDouble(DailySupply::totalMl).toArray();
        double naive = new SpearmansCorrelation().correlation(sleep, volume);
        assertTrue(naive < -0.6, "the fixture fools a plain correlation: ρ = " + naive);

        Insights insights = compute(h);
        assertEquals(days, insights.pairedDays());
        assertTrue(insights.insights().stream().noneMatch(i -> i.factor() == Factor.SLEEP), insights.toString());
    }

    /** The same busy and quiet days, but an hour more sleep brings 40 mL more on the day: that is told. */
    @Test
    void sleepThatMovesTheVolumeForTheSameNumberOfPumpingsIsTold() {
        Random random = new Random(11);
        int days = 42;
        List<List<Pumping>> byDay = new ArrayList<>();
        List<CheckIn> checkIns = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            int pumpings = 5 + random.nextInt(5);
            double sleep = 5 + random.nextDouble() * 4;
            List<Pumping> day = new ArrayList<>();
            for (int k = 0; k < pumpings; k++) {
                day.add(new Pumping(at(d, days, k), 95 + 40 * (sleep - 7) / pumpings + random.nextGaussian() * 5,
                        null, null, null));
            }
            byDay.add(day);
            checkIns.add(new CheckIn(TODAY.minusDays(days - d), sleep, null, null));
        }
        Insight sleep = compute(history(byDay, checkIns)).insights().stream()
                .filter(i -> i.factor() == Factor.SLEEP && i.lag() == InsightCalculator.Lag.SAME_DAY)
                .findFirst().orElseThrow();
        assertTrue(sleep.rho() >= InsightCalculator.MIN_RHO, sleep.toString());
        assertTrue(sleep.q() < Q, sleep.toString());
        assertEquals(days, sleep.n());
    }

    /** Thirty hands-on pumpings at about 115 mL and thirty without at about 100 mL (sd 10). */
    @Test
    void aRealHandsOnEffectIsToldWithItsDifferenceAndItsInterval() {
        Random random = new Random(3);
        int days = 30;
        List<List<Pumping>> byDay = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            byDay.add(List.of(new Pumping(at(d, days, 0), 100 + random.nextGaussian() * 10, false, null, null),
                    new Pumping(at(d, days, 1), 115 + random.nextGaussian() * 10, true, null, null)));
        }
        Insights insights = compute(history(byDay, List.of()));
        assertEquals(1, insights.tests(), "no check-ins, one pump: the hands-on comparison alone");
        Insight handsOn = insights.insights().stream().filter(i -> i.factor() == Factor.HANDS_ON).findFirst()
                .orElseThrow(() -> new AssertionError(insights.toString()));
        assertEquals(30, handsOn.group().pumpings());
        assertEquals(30, handsOn.against().pumpings());
        assertEquals(true, handsOn.group().handsOn());
        assertEquals(handsOn.group().meanMl() - handsOn.against().meanMl(), handsOn.differenceMl(), 0.11);
        assertTrue(handsOn.differenceMl() > 10 && handsOn.differenceMl() < 20, handsOn.toString());
        assertTrue(handsOn.lowMl() > 0 && handsOn.lowMl() < handsOn.differenceMl()
                && handsOn.highMl() > handsOn.differenceMl(), "the interval around the difference: " + handsOn);
        assertTrue(handsOn.q() < Q, handsOn.toString());
    }

    @Test
    void fewerThanTenPumpingsOnASideAreNotCompared() {
        Random random = new Random(5);
        List<List<Pumping>> byDay = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            byDay.add(List.of(new Pumping(at(d, 30, 0), 100 + random.nextGaussian() * 5, d >= 9 ? false : true, null,
                    null)));
        }
        Insights insights = compute(history(byDay, List.of()));
        assertEquals(0, insights.tests(), "9 hands-on pumpings: not enough to compare");
    }

    /** Two flange sizes on the same pump, 20 pumpings each: 24 mm gives about 110 mL, 27 mm about 88 mL. */
    @Test
    void theBetterOfTheTwoMostUsedSetupsIsToldFirst() {
        Random random = new Random(9);
        List<List<Pumping>> byDay = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            byDay.add(List.of(new Pumping(at(d, 20, 0), 88 + random.nextGaussian() * 8, null, "Spectra S1 ", 27.0),
                    new Pumping(at(d, 20, 1), 110 + random.nextGaussian() * 8, null, "spectra s1", 24.0),
                    new Pumping(at(d, 20, 2), 100, null, d < 5 ? "Hand pump" : null, null)));
        }
        Insight setup = compute(history(byDay, List.of())).insights().stream()
                .filter(i -> i.factor() == Factor.SETUP).findFirst().orElseThrow();
        assertEquals(24.0, setup.group().flangeSizeMm());
        assertEquals("spectra s1", setup.group().pump());
        assertEquals(27.0, setup.against().flangeSizeMm());
        assertTrue(setup.differenceMl() > 15 && setup.lowMl() > 0, setup.toString());
    }

    @Test
    void fewerThanFourteenPairedDaysTestNoCheckInFactor() {
        List<List<Pumping>> byDay = new ArrayList<>();
        List<CheckIn> checkIns = new ArrayList<>();
        for (int d = 0; d < 13; d++) {
            byDay.add(List.of(new Pumping(at(d, 13, 0), 600 + d * 10, null, null, null)));
            checkIns.add(new CheckIn(TODAY.minusDays(13 - d), (double) d, 2000, 3));
        }
        Insights insights = compute(history(byDay, checkIns));
        assertEquals(13, insights.pairedDays());
        assertEquals(0, insights.tests());
        assertEquals(List.of(), insights.insights());
    }

    /** p = 0.01, 0.04, 0.03, 0.005 over four tests: q = 0.02, 0.04, 0.04, 0.02 (each p·4/rank, then the running min). */
    @Test
    void benjaminiHochbergAdjustsOverTheWholeFamily() {
        List<Insight> tested = new ArrayList<>();
        for (double p : new double[] {0.01, 0.04, 0.03, 0.005}) {
            tested.add(new Insight(Factor.SLEEP, null, 0.5, 20, p, p, null, null, null, null, null));
        }
        List<Double> q = InsightCalculator.benjaminiHochberg(tested).stream().map(Insight::q).toList();
        List<Double> p = InsightCalculator.benjaminiHochberg(tested).stream().map(Insight::p).toList();
        assertEquals(List.of(0.005, 0.01, 0.03, 0.04), p);
        assertEquals(0.02, q.get(0), 1e-12);
        assertEquals(0.02, q.get(1), 1e-12);
        assertEquals(0.04, q.get(2), 1e-12);
        assertEquals(0.04, q.get(3), 1e-12);
    }

    /**
     * 200 random parents, eight weeks each: 5 to 8 pumpings a day of about 100 mL (sd 20), a daily check-in whose
     * sleep, water and stress are drawn apart from everything (six null factors: three, on the same day and the day
     * before), hands-on on a coin toss and two pumps at random. Nothing is there to find; at least 95 % must say so.
     */
    @Test
    void sixFactorsThatDoNothingAreSilentForAtLeastNinetyFivePercentOfParents() {
        int silent = 0;
        List<String> spoken = new ArrayList<>();
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            int days = 56;
            List<List<Pumping>> byDay = new ArrayList<>();
            List<CheckIn> checkIns = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                int n = 5 + random.nextInt(4);
                List<Pumping> day = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    day.add(new Pumping(at(d, days, k), Math.max(0, 100 + random.nextGaussian() * 20),
                            random.nextBoolean(), random.nextBoolean() ? "Medela" : "Spectra", null));
                }
                byDay.add(day);
                checkIns.add(new CheckIn(TODAY.minusDays(days - d), 4 + random.nextDouble() * 5,
                        1000 + random.nextInt(2000), 1 + random.nextInt(5)));
            }
            Insights insights = compute(history(byDay, checkIns));
            assertEquals(8, insights.tests(), "six check-in factors, hands-on and the two pumps");
            if (insights.insights().isEmpty()) {
                silent++;
            } else {
                spoken.add(seed + ": " + insights.insights().get(0));
            }
        }
        assertTrue(silent >= 190, silent + " of 200 silent; spoke: " + spoken);
    }
}
