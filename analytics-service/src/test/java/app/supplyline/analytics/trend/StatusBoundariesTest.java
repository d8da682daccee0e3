package app.supplyline.analytics.trend;

import app.supplyline.analytics.trend.SupplyStatusRules.Assessment;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static app.supplyline.analytics.trend.TrendFixtures.PARIS;
import static app.supplyline.analytics.trend.TrendFixtures.TODAY;
import static app.supplyline.analytics.trend.TrendFixtures.threeWeeks;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each number of the status rules (production defaults, {@link TrendThresholds#defaults()}) on both sides of its
 * boundary, with the exact status. Whether the boundary itself belongs to the rule is what the code does, stated at
 * each test: the drop, dip and volume-day rules and the recovery margin are inclusive, the gap rule allows exactly
 * 5 h, and the early rules end on the day the baby is 12 weeks old. B = TODAY − 14 … TODAY − 8, C = TODAY − 7 …
 * TODAY − 1, evaluated as of TODAY.
 */
class StatusBoundariesTest {

    private static final TrendThresholds T = TrendThresholds.defaults();
    /** A 20-week-old: the established rules (6 removals a day, no gap rule). */
    private static final ParentProfile ESTABLISHED = new ParentProfile(PARIS, TODAY.minusWeeks(20), null);
    /** A 4-week-old: the early rules (8 removals a day, no gap over 5 h). */
    private static final ParentProfile EARLY = new ParentProfile(PARIS, TODAY.minusWeeks(4), null);

    private static TrendMetrics metrics(List<DailySupply> days, ParentProfile profile) {
        return SupplyTrendCalculator.compute(days, TODAY, profile, null, T);
    }

    private static Assessment assess(TrendMetrics m, StatusState previous) {
        return SupplyStatusRules.assess(m, previous, false, T);
    }

    private static Assessment fresh(List<DailySupply> days, ParentProfile profile) {
        return assess(metrics(days, profile), StatusState.INITIAL);
    }

    /** A new SEEK_HELP episode whose reference is B's level. */
    private static Assessment episodeFrom(double baseline) {
        return new Assessment(SupplyStatus.SEEK_HELP, List.of(StatusReason.SUPPLY_DROP), Transition.EPISODE_STARTED,
                baseline, LevelKind.DAILY_TOTAL, null);
    }

    private static boolean inCurrent(LocalDate date) {
        return !date.isBefore(TODAY.minusDays(7));
    }

    /** The days with the longest gap of each of the first {@code count} days of C set to {@code gapMinutes}. */
    private static List<DailySupply> withLongestGap(List<DailySupply> days, int count, int gapMinutes) {
        List<DailySupply> out = new ArrayList<>(days);
        out.replaceAll(d -> inCurrent(d.date()) && d.date().isBefore(TODAY.minusDays(7 - count))
                ? new DailySupply(d.date(), d.totalMl(), d.leftMl(), d.rightMl(), d.pumpingSessions(),
                        d.nursingSessions(), List.of(gapMinutes, 160, 160, 160, 160, 160, 160, 160), d.firstRemoval(),
                        d.lastRemoval())
                : d);
        return out;
    }

    /** The days with the first {@code count} days from {@code from} on left without any log. */
    private static List<DailySupply> withUnloggedDays(List<DailySupply> days, LocalDate from, int count) {
        List<DailySupply> out = new ArrayList<>(days);
        out.replaceAll(d -> !d.date().isBefore(from) && d.date().isBefore(from.plusDays(count))
                ? new DailySupply(d.date(), 0, 0, 0, 0, 0, List.of(), null, null)
                : d);
        return out;
    }

    /** SupplyStatusRules: {@code levelChangePct <= seekHelpDropPct}, on the change rounded to 0.1 %. */
    @Test
    void aDropOfExactlyTwentyPercentIsSeekHelpAndOneOfNineteenPointNineIsWatch() {
        // 8 × 80 = 640 against 8 × 100 = 800 mL a day
        TrendMetrics exactly = metrics(threeWeeks(8, 100, 80), ESTABLISHED);
        assertEquals(-20.0, exactly.levelChangePct());
        assertEquals(episodeFrom(800.0), assess(exactly, StatusState.INITIAL));

        // 8 × 80.1 = 640.8 mL a day
        TrendMetrics justUnder = metrics(threeWeeks(8, 100, 80.1), ESTABLISHED);
        assertEquals(-19.9, justUnder.levelChangePct());
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.SUPPLY_DIP), assess(justUnder, StatusState.INITIAL));
    }

    /** SupplyStatusRules: {@code levelChangePct <= watchDipPct} is a dip; above it the level is steady. */
    @Test
    void aDipOfExactlyTenPercentIsWatchAndOneOfNinePointNineIsStable() {
        TrendMetrics exactly = metrics(threeWeeks(8, 100, 90), ESTABLISHED);
        assertEquals(-10.0, exactly.levelChangePct());
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.SUPPLY_DIP), assess(exactly, StatusState.INITIAL));

        TrendMetrics justUnder = metrics(threeWeeks(8, 100, 90.1), ESTABLISHED);
        assertEquals(-9.9, justUnder.levelChangePct());
        assertEquals(Assessment.of(SupplyStatus.STABLE), assess(justUnder, StatusState.INITIAL));
    }

    /**
     * SupplyStatusRules: recovered when {@code currentLevel >= reference × (1 + recoverAbovePct / 100)}, i.e. C at
     * 90 % of the reference or more. With a reference of 1,000 mL a day: 900.0 recovers, 899.9 is the lower level
     * (it rose 12.5 % over B's 800, so it has stopped falling).
     */
    @Test
    void anEpisodeRecoversAtExactlyNinetyPercentOfItsReferenceAndNotJustBelow() {
        StatusState episode = new StatusState(SupplyStatus.SEEK_HELP, List.of(StatusReason.SUPPLY_DROP),
                Transition.EPISODE_STARTED, 1000.0, LevelKind.DAILY_TOTAL, null, false);

        TrendMetrics exactly = metrics(threeWeeks(8, 100, 112.5), ESTABLISHED);
        assertEquals(900.0, exactly.currentLevel());
        assertEquals(new Assessment(SupplyStatus.STABLE, List.of(), Transition.RECOVERED, null, null, null),
                assess(exactly, episode));

        // 8 × 112.4875 = 899.9 mL a day
        TrendMetrics justBelow = metrics(threeWeeks(8, 100, 112.4875), ESTABLISHED);
        assertEquals(899.9, justBelow.currentLevel());
        assertEquals(12.5, justBelow.levelChangePct());
        assertEquals(new Assessment(SupplyStatus.WATCH, List.of(StatusReason.LOWER_LEVEL), Transition.LOWER_LEVEL,
                1000.0, LevelKind.DAILY_TOTAL, TODAY.minusDays(1)), assess(justBelow, episode));
    }

    /**
     * SupplyTrendCalculator / SupplyStatusRules: removal is regular when at most 7 − 5 = 2 logged days of C were
     * irregular ({@code irregularDays <= WINDOW_DAYS - minRegularDays}); with all 7 days logged that is 5 regular days
     * or more. Days are made irregular by a 6-hour gap under the early rules, so removals a day stay at 8 and
     * "fewer removals" cannot explain the 30 % drop.
     */
    @Test
    void fiveRegularDaysOfSevenAreRegularRemovalAndFourAreNot() {
        List<DailySupply> drop = threeWeeks(8, 100, 70);

        TrendMetrics five = metrics(withLongestGap(drop, 2, 360), EARLY);
        assertEquals(7, five.loggedDaysCurrent());
        assertEquals(5, five.regularDays());
        assertEquals(8.0, five.removalsPerDay());
        assertEquals(episodeFrom(800.0), assess(five, StatusState.INITIAL));

        TrendMetrics four = metrics(withLongestGap(drop, 3, 360), EARLY);
        assertEquals(4, four.regularDays());
        assertEquals(8.0, four.removalsPerDay());
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW), assess(four, StatusState.INITIAL));
    }

    /**
     * SupplyTrendCalculator: under the early rules a day is regular when its longest gap is at most 5 h
     * ({@code longestGapMinutes <= round(maxGapHours × 60)} = 300 min): exactly 5 h is still regular, 5 h 01 is not.
     */
    @Test
    void aGapOfExactlyFiveHoursIsRegularInTheEarlyWeeksAndOneMinuteMoreIsNot() {
        List<DailySupply> drop = threeWeeks(8, 100, 70);

        for (int gap : new int[] {299, 300}) {
            TrendMetrics m = metrics(withLongestGap(drop, 7, gap), EARLY);
            assertEquals(gap, m.longestGapMinutes());
            assertEquals(7, m.regularDays(), gap + " min");
            assertEquals(episodeFrom(800.0), assess(m, StatusState.INITIAL), gap + " min");
        }

        TrendMetrics over = metrics(withLongestGap(drop, 7, 301), EARLY);
        assertEquals(301, over.longestGapMinutes());
        assertEquals(0, over.regularDays());
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW), assess(over, StatusState.INITIAL));
        // a long night is fine once the established rules apply
        assertEquals(7, metrics(withLongestGap(drop, 7, 301), ESTABLISHED).regularDays());
    }

    /**
     * SupplyStatusRules: a window is judged with at least 4 days with volume ({@code volumeDays >= minVolumeDays}),
     * in C and in B alike. The same 30 % drop is SEEK_HELP with 4 such days and, with 3, not judged at all.
     */
    @Test
    void fourDaysWithVolumeInEachWindowAreJudgedAndThreeAreNot() {
        List<DailySupply> drop = threeWeeks(8, 100, 70);
        LocalDate currentFrom = TODAY.minusDays(7);
        LocalDate baselineFrom = TODAY.minusDays(14);

        TrendMetrics fourNow = metrics(withUnloggedDays(drop, currentFrom, 3), ESTABLISHED);
        assertEquals(4, fourNow.volumeDaysCurrent());
        assertEquals(-30.0, fourNow.levelChangePct());
        assertEquals(episodeFrom(800.0), assess(fourNow, StatusState.INITIAL));

        TrendMetrics threeNow = metrics(withUnloggedDays(drop, currentFrom, 4), ESTABLISHED);
        assertEquals(3, threeNow.volumeDaysCurrent());
        assertEquals(Assessment.of(SupplyStatus.INSUFFICIENT_DATA), assess(threeNow, StatusState.INITIAL));

        TrendMetrics fourBefore = metrics(withUnloggedDays(drop, baselineFrom, 3), ESTABLISHED);
        assertEquals(4, fourBefore.volumeDaysBaseline());
        assertEquals(episodeFrom(800.0), assess(fourBefore, StatusState.INITIAL));

        TrendMetrics threeBefore = metrics(withUnloggedDays(drop, baselineFrom, 4), ESTABLISHED);
        assertEquals(3, threeBefore.volumeDaysBaseline());
        assertEquals(Assessment.of(SupplyStatus.INSUFFICIENT_DATA), assess(threeBefore, StatusState.INITIAL));
    }

    /**
     * TrendThresholds / SupplyTrendCalculator: the early rules apply while the baby is younger than 12 whole weeks on
     * the evaluation day ({@code weeks < earlyWeeks}). The day before the 12-week birthday 7 removals a day, or a
     * 6-hour night, make every day irregular (WATCH for frequency); on the day itself the established rules judge the
     * same 30 % drop as SEEK_HELP.
     */
    @Test
    void theEarlyRulesEndOnTheDayTheBabyIsTwelveWeeksOld() {
        ParentProfile dayBefore = new ParentProfile(PARIS, TODAY.minusWeeks(12).plusDays(1), null);
        ParentProfile dayOf = new ParentProfile(PARIS, TODAY.minusWeeks(12), null);
        List<DailySupply> sevenADay = threeWeeks(7, 100, 70);
        List<DailySupply> longNights = withLongestGap(threeWeeks(8, 100, 70), 7, 360);

        TrendMetrics before = metrics(sevenADay, dayBefore);
        assertEquals(RuleSet.EARLY, before.ruleSet());
        assertEquals(0, before.regularDays());
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW), assess(before, StatusState.INITIAL));
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW), fresh(longNights, dayBefore));

        TrendMetrics on = metrics(sevenADay, dayOf);
        assertEquals(RuleSet.ESTABLISHED, on.ruleSet());
        assertEquals(7, on.regularDays());
        assertEquals(episodeFrom(700.0), assess(on, StatusState.INITIAL));
        assertEquals(episodeFrom(800.0), fresh(longNights, dayOf));
    }
}
