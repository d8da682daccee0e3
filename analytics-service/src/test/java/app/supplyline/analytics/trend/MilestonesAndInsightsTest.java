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

    /**
     * Fourteen days of pumping, TODAY − 14 to TODAY − 1, at 600, 610, … 730 mL: volume ranks 1 to 14 in date order, no
     * ties. With a check-in on each of these days only, the previous-day lag has 13 pairs and is never computed, so
     * each factor gives at most its same-day insight, with Spearman ρ = 1 − 6 Σd² / (14 × 195) over the rank
     * differences d. The threshold is inclusive (|ρ| ≥ 0.4 is reported, InsightCalculator drops |ρ| < 0.4); with 14
     * days Σd² is even, so the nearest values are 272 (ρ = 0.4022) and 274 (ρ = 0.3978), both rounding to 0.40.
     */
    private static List<DailySupply> fourteenRisingDays() {
        List<DailySupply> days = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            days.add(day(TODAY.minusDays(14 - i), 600 + 10 * i));
        }
        return days;
    }

    private static List<CheckIn> checkIns(double[] sleepHours, int[] waterMl) {
        List<CheckIn> checkIns = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            checkIns.add(new CheckIn(TODAY.minusDays(14 - i), sleepHours == null ? null : sleepHours[i],
                    waterMl == null ? null : waterMl[i], null));
        }
        return checkIns;
    }

    /**
     * Sleep ranks 11 2 9 4 5 6 7 8 3 10 1 12 13 14 against volume ranks 1 … 14: Σd² = 100 + 36 + 36 + 100 = 272,
     * ρ = 1 − 1632/2730 = +0.4022, just above the threshold: reported. Water ranks 3 13 8 11 10 9 12 7 6 5 4 14 2 1:
     * Σd² = 636, ρ = 1 − 3816/2730 = −0.3978, just below in size: not reported. The sentence: the 8 days under 6 h
     * (4.25, 4.75, 5, 5.25, 5.5, 5.75, 4.5, 4 h) average 5,240 / 8 = 655 mL, the 6 others 4,070 / 6 = 678.3 mL;
     * 23.3 / 678.3 = 3.4 %, said as 3 % lower.
     */
    @Test
    void aFactorJustAboveTheThresholdIsReportedWithItsNumbersAndOneJustBelowIsNot() {
        double[] sleep = {6.5, 4.25, 6.0, 4.75, 5.0, 5.25, 5.5, 5.75, 4.5, 6.25, 4.0, 6.75, 7.0, 7.25};
        int[] water = {1700, 2700, 2200, 2500, 2400, 2300, 2600, 2100, 2000, 1900, 1800, 2800, 1600, 1500};

        var insights = InsightCalculator.compute(fourteenRisingDays(), checkIns(sleep, water));

        assertEquals(14, insights.pairedDays());
        assertEquals(List.of(new InsightCalculator.Insight(InsightCalculator.Factor.SLEEP,
                InsightCalculator.Lag.SAME_DAY, 0.4, 14,
                "On days with less than 6 h of sleep your output was 3 % lower"
                        + " (Spearman ρ = 0.40 over 14 days; a tendency, not proof of a cause).")),
                insights.insights());
        assertNull(insights.why());
    }

    /** The sleep ranks 12 2 7 4 5 6 3 8 9 10 11 1 13 14: Σd² = 121 + 16 + 16 + 121 = 274, ρ = +0.3978: nothing to say. */
    @Test
    void aFactorJustBelowTheThresholdIsNotReportedAndTheAnswerSaysWhy() {
        double[] sleep = {6.75, 4.25, 5.5, 4.75, 5.0, 5.25, 4.5, 5.75, 6.0, 6.25, 6.5, 4.0, 7.0, 7.25};

        var insights = InsightCalculator.compute(fourteenRisingDays(), checkIns(sleep, null));

        assertEquals(14, insights.pairedDays());
        assertEquals(List.of(), insights.insights());
        assertEquals("No factor moved with your volume clearly enough (|ρ| ≥ 0.4) over 14 days.", insights.why());
    }

    /**
     * Water ranks 4 13 6 11 10 9 8 7 12 5 14 3 2 1 (15 minus each sleep rank of the first test): Σd² = 638,
     * ρ = 1 − 3828/2730 = −0.4022, just above the threshold in size: reported with its sign. Water has no fixed cut,
     * so the median splits the days: (2,100 + 2,200) / 2 = 2,150 mL. The 7 days below it average 4,740 / 7 = 677.1 mL,
     * the 7 others 4,570 / 7 = 652.9 mL: 24.3 / 652.9 = 3.7 %, said as 4 % higher.
     */
    @Test
    void aNegativeCorrelationJustAboveTheThresholdIsReportedWithItsSign() {
        int[] water = {1800, 2700, 2000, 2500, 2400, 2300, 2200, 2100, 2600, 1900, 2800, 1700, 1600, 1500};

        var insights = InsightCalculator.compute(fourteenRisingDays(), checkIns(null, water));

        assertEquals(List.of(new InsightCalculator.Insight(InsightCalculator.Factor.WATER,
                InsightCalculator.Lag.SAME_DAY, -0.4, 14,
                "On days with less than 2150 mL of water your output was 4 % higher"
                        + " (Spearman ρ = -0.40 over 14 days; a tendency, not proof of a cause).")),
                insights.insights());
        assertNull(insights.why());
    }
}
