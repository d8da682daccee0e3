package app.supplyline.analytics.trend;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coming to volume, goal progress, and insights that say no more than the data supports. */
class MilestonesAndInsightsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final TrendThresholds T = TrendThresholds.defaults();

    private static DailySupply day(LocalDate date, double ml) {
        return new DailySupply(date, ml, ml / 2, ml / 2, ml > 0 ? 8 : 0, 0, List.of(), null, null);
    }

    /** Days from birth to today, rising by {@code perDay} mL a day from 100 mL. */
    private static List<DailySupply> rising(LocalDate birth, double perDay) {
        List<DailySupply> days = new ArrayList<>();
        for (LocalDate d = birth; !d.isAfter(TODAY); d = d.plusDays(1)) {
            days.add(day(d, 100 + perDay * (d.toEpochDay() - birth.toEpochDay())));
        }
        return days;
    }

    @Test
    void comingToVolumeByDayFourteenIsReportedWithItsDay() {
        LocalDate birth = TODAY.minusDays(20);
        var milestone = Milestones.comingToVolume(new ParentProfile(ZoneOffset.UTC, birth, null), rising(birth, 40), TODAY, T);
        assertTrue(milestone.reached());
        assertEquals(10, milestone.dayOfLife());
        assertEquals(birth.plusDays(10), milestone.date());
        assertTrue(milestone.reachedByDay14());
    }

    @Test
    void notYetAtVolumeIsUnknownUntilDayFourteenAndMissedAfter() {
        LocalDate birth = TODAY.minusDays(10);
        var early = Milestones.comingToVolume(new ParentProfile(ZoneOffset.UTC, birth, null), rising(birth, 10), TODAY, T);
        assertFalse(early.reached());
        assertNull(early.reachedByDay14());
        LocalDate older = TODAY.minusDays(20);
        var late = Milestones.comingToVolume(new ParentProfile(ZoneOffset.UTC, older, null), rising(older, 10), TODAY, T);
        assertFalse(late.reached());
        assertEquals(Boolean.FALSE, late.reachedByDay14());
    }

    @Test
    void comingToVolumeIsNotMeasuredForMixedFeedingMostlyNursingOrWithoutAnyPumping() {
        LocalDate birth = TODAY.minusDays(20);
        for (FeedingMode mode : List.of(FeedingMode.MIXED, FeedingMode.MOSTLY_NURSING)) {
            var milestone = Milestones.comingToVolume(new ParentProfile(ZoneOffset.UTC, birth, null, mode, false),
                    rising(birth, 10), TODAY, T);
            assertNull(milestone.reachedByDay14(), mode.name());
            assertEquals(Milestones.NotMeasured.FEEDING_MODE, milestone.notMeasured());
        }
        List<DailySupply> nursingOnly = rising(birth, 0).stream()
                .map(d -> new DailySupply(d.date(), 0, 0, 0, 0, 10, List.of(), null, null)).toList();
        var nursing = Milestones.comingToVolume(new ParentProfile(ZoneOffset.UTC, birth, null), nursingOnly, TODAY, T);
        assertNull(nursing.reachedByDay14());
        assertEquals(Milestones.NotMeasured.NO_PUMPING_LOGGED, nursing.notMeasured());
    }

    @Test
    void theMilestoneFollowsItsConfiguredNumbers() {
        LocalDate birth = TODAY.minusDays(20);
        TrendThresholds lower = new TrendThresholds(8, 6, 12, 5, -20, -10, -10, 5, 4, 15, 14, java.time.Duration.ZERO,
                400, 10, 42);
        var milestone = Milestones.comingToVolume(new ParentProfile(ZoneOffset.UTC, birth, null), rising(birth, 30), TODAY,
                lower);
        assertEquals(10, milestone.dayOfLife(), "100 + 30 × 10 = 400 mL on day 10");
        assertTrue(milestone.reachedByDay14());
    }

    @Test
    void milestonesStopAfterSixWeeksAndWithoutABirthDate() {
        LocalDate birth = TODAY.minusDays(42);
        assertNull(Milestones.comingToVolume(new ParentProfile(ZoneOffset.UTC, birth, null), rising(birth, 40), TODAY, T));
        assertNull(Milestones.comingToVolume(ParentProfile.UNKNOWN, rising(TODAY.minusDays(10), 40), TODAY, T));
    }

    @Test
    void goalProgressIsTodaySoFarAndTheCurrentAverageAsShares() {
        var goal = Milestones.goal(new ParentProfile(ZoneOffset.UTC, null, 800), day(TODAY, 300), 720.0);
        assertEquals(new Milestones.GoalProgress(800, 300.0, 37.5, 90.0), goal);
        assertNull(Milestones.goal(ParentProfile.UNKNOWN, day(TODAY, 300), 720.0));
    }

    /** 20 days where output follows the previous night's sleep: 6 h or more gives 800 mL, less gives 680 mL. */
    @Test
    void sleepThatMovesOutputIsReportedInPlainWordsWithItsStrength() {
        List<DailySupply> days = new ArrayList<>();
        List<CheckIn> checkIns = new ArrayList<>();
        for (int i = 20; i >= 0; i--) {
            LocalDate date = TODAY.minusDays(i);
            double sleep = i % 3 == 0 ? 4.5 : 7.0;
            checkIns.add(new CheckIn(date, sleep, 2000 + (i * 37 % 500), 2 + i % 3));
            if (i < 20) {
                double previousSleep = (i + 1) % 3 == 0 ? 4.5 : 7.0;
                days.add(day(date, previousSleep < 6 ? 680 : 800));
            }
        }
        var insights = InsightCalculator.compute(days, checkIns);
        assertEquals(20, insights.pairedDays());
        var sleep = insights.insights().stream()
                .filter(i -> i.factor() == InsightCalculator.Factor.SLEEP && i.lag() == InsightCalculator.Lag.PREVIOUS_DAY)
                .findFirst().orElseThrow();
        assertEquals(1.0, sleep.rho(), 0.001);
        assertEquals(20, sleep.n());
        assertTrue(sleep.text().startsWith("On days after less than 6 h of sleep your output was 15 % lower"), sleep.text());
        assertNull(insights.why());
    }

    @Test
    void fewerThanFourteenPairedDaysGiveNoInsightButSayWhy() {
        List<DailySupply> days = new ArrayList<>();
        List<CheckIn> checkIns = new ArrayList<>();
        for (int i = 13; i >= 1; i--) {
            days.add(day(TODAY.minusDays(i), 600 + i * 10));
            checkIns.add(new CheckIn(TODAY.minusDays(i), (double) i, 2000, 3));
        }
        var insights = InsightCalculator.compute(days, checkIns);
        assertTrue(insights.insights().isEmpty());
        assertEquals("Insights need at least 14 days with both a check-in and pumped volume; you have 13.", insights.why());
    }

    @Test
    void factorsThatDoNotMoveWithOutputAreNotReported() {
        List<DailySupply> days = new ArrayList<>();
        List<CheckIn> checkIns = new ArrayList<>();
        double[] volumes = {700, 720, 690, 710, 705, 695, 715, 700, 720, 690, 710, 705, 695, 715, 700, 712};
        double[] sleep = {6, 6, 7, 7, 6, 7, 6, 7, 7, 6, 6, 7, 7, 6, 7, 6};
        for (int i = 0; i < volumes.length; i++) {
            LocalDate date = TODAY.minusDays(volumes.length - i);
            days.add(day(date, volumes[i]));
            checkIns.add(new CheckIn(date, sleep[i], null, null));
        }
        var insights = InsightCalculator.compute(days, checkIns);
        assertTrue(insights.insights().stream().noneMatch(i -> Math.abs(i.rho()) < InsightCalculator.MIN_RHO));
        assertTrue(insights.insights().stream().noneMatch(i -> i.factor() != InsightCalculator.Factor.SLEEP),
                "no water or stress was logged, so nothing is said of them");
    }
}
