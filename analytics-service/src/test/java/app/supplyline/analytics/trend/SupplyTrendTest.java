package app.supplyline.analytics.trend;

import app.supplyline.analytics.trend.SupplyStatusRules.Assessment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static app.supplyline.analytics.trend.TrendFixtures.PARIS;
import static app.supplyline.analytics.trend.TrendFixtures.TODAY;
import static app.supplyline.analytics.trend.TrendFixtures.threeWeeks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics and the rules on three weeks of data; the day-by-day histories are in {@link ScenarioCatalogueTest}. */
class SupplyTrendTest {

    private static final TrendThresholds T = TrendThresholds.defaults();
    /** A parent with a 20-week-old: the established rules. */
    private static final ParentProfile ESTABLISHED = new ParentProfile(PARIS, TODAY.minusWeeks(20), null);

    private static TrendMetrics metrics(List<DailySupply> days) {
        return metrics(days, ESTABLISHED);
    }

    private static TrendMetrics metrics(List<DailySupply> days, ParentProfile profile) {
        return SupplyTrendCalculator.compute(days, TODAY, profile, null, T);
    }

    /** A parent in a SEEK_HELP episode whose level before the drop was {@code reference} mL a day. */
    private static StatusState inEpisode(double reference) {
        return new StatusState(SupplyStatus.SEEK_HELP, List.of(StatusReason.SUPPLY_DROP), Transition.EPISODE_STARTED,
                reference, LevelKind.DAILY_TOTAL, null, false);
    }

    private static Assessment assess(TrendMetrics m, StatusState previous) {
        return SupplyStatusRules.assess(m, previous, false, T);
    }

    @Test
    void aThirtyPercentDropDespiteRegularPumpingMeansSeekHelpWithTheLevelBeforeAsReference() {
        TrendMetrics m = metrics(threeWeeks(8, 100, 70));
        assertEquals(800.0, m.baselineAvgMl());
        assertEquals(560.0, m.currentAvgMl());
        assertEquals(-30.0, m.changePct());
        assertEquals(8.0, m.removalsPerDay());
        assertEquals(8.0, m.baselineRemovalsPerDay());
        assertEquals(7, m.regularDays());
        assertEquals(100.0, m.adherencePct());
        assertTrue(m.slopeMlPerDay() < 0, "falling: " + m.slopeMlPerDay());
        Assessment a = assess(m, StatusState.INITIAL);
        assertEquals(SupplyStatus.SEEK_HELP, a.status());
        assertEquals(List.of(StatusReason.SUPPLY_DROP), a.reasons());
        assertEquals(Transition.EPISODE_STARTED, a.transition());
        assertEquals(800.0, a.referenceLevel());
        assertEquals(LevelKind.DAILY_TOTAL, a.referenceKind());
    }

    @Test
    void theSameDropWithFourRemovalsADayIsAFrequencyProblemNotAnAlarm() {
        TrendMetrics m = metrics(threeWeeks(4, 100, 70));
        assertEquals(0, m.regularDays());
        assertEquals(0.0, m.adherencePct(), "every gap is 5 h 40 min");
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW), assess(m, StatusState.INITIAL));
    }

    @Test
    void aSmallerDipWithRegularRemovalIsWatchAndSteadySupplyIsStable() {
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.SUPPLY_DIP),
                assess(metrics(threeWeeks(8, 100, 85)), StatusState.INITIAL));
        assertEquals(Assessment.of(SupplyStatus.STABLE), assess(metrics(threeWeeks(8, 100, 95)), StatusState.INITIAL));
    }

    @Test
    void anEpisodeRecoversOnlyWithinTenPercentOfItsReference() {
        StatusState episode = inEpisode(1000.0);
        // still falling week over week: the episode goes on
        Assessment falling = assess(metrics(threeWeeks(8, 100, 80)), episode);
        assertEquals(SupplyStatus.SEEK_HELP, falling.status());
        assertNull(falling.transition());
        assertEquals(1000.0, falling.referenceLevel());
        // week over week +6 %, but 850 is 15 % below the 1,000 mL/day before the drop: not recovered
        Assessment rising = assess(metrics(threeWeeks(8, 100, 106.25)), episode);
        assertEquals(SupplyStatus.WATCH, rising.status());
        assertEquals(Transition.LOWER_LEVEL, rising.transition());
        assertEquals(1000.0, rising.referenceLevel());
        // 900 mL/day is within 10 %
        Assessment recovered = assess(metrics(threeWeeks(8, 100, 112.5)), episode);
        assertEquals(SupplyStatus.STABLE, recovered.status());
        assertEquals(Transition.RECOVERED, recovered.transition());
        assertNull(recovered.referenceLevel());
    }

    @Test
    void aSettledLevelBelowTheReferenceEndsTheEpisodeAsLowerLevelNeverRecovered() {
        StatusState episode = inEpisode(1000.0);
        Assessment settled = assess(metrics(threeWeeks(8, 75, 75)), episode);
        assertEquals(SupplyStatus.WATCH, settled.status());
        assertEquals(List.of(StatusReason.LOWER_LEVEL), settled.reasons());
        assertEquals(Transition.LOWER_LEVEL, settled.transition());
        assertEquals(TODAY.minusDays(1), settled.phaseSince());
    }

    @Test
    void anEpisodeWithoutVolumesAnyMoreIsWeCannotTell() {
        StatusState episode = inEpisode(800.0);
        List<DailySupply> days = new ArrayList<>(threeWeeks(8, 100, 70));
        days.replaceAll(d -> d.date().isAfter(TODAY.minusDays(5))
                ? new DailySupply(d.date(), 0, 0, 0, 0, 8, d.gapsMinutes(), d.firstRemoval(), d.lastRemoval()) : d);
        Assessment a = assess(metrics(days), episode);
        assertEquals(SupplyStatus.INSUFFICIENT_DATA, a.status());
        assertEquals(List.of(StatusReason.NO_RECENT_DATA), a.reasons());
        assertEquals(Transition.NO_RECENT_DATA, a.transition());
    }

    @Test
    void aDropWithFewerRemovalsIsWatchAndAPlannedReductionRaisesNoAlarm() {
        List<DailySupply> days = new ArrayList<>(threeWeeks(8, 100, 100));
        days.replaceAll(d -> d.date().isAfter(TODAY.minusDays(8))
                ? new DailySupply(d.date(), 600, 300, 300, 6, 0, d.gapsMinutes(), d.firstRemoval(), d.lastRemoval()) : d);
        TrendMetrics m = metrics(days);
        assertEquals(-25.0, m.changePct());
        assertEquals(Assessment.of(SupplyStatus.WATCH, StatusReason.FEWER_REMOVALS), assess(m, StatusState.INITIAL));
        assertEquals(Assessment.of(SupplyStatus.STABLE, StatusReason.PLANNED_REDUCTION),
                SupplyStatusRules.assess(metrics(threeWeeks(8, 100, 70)), StatusState.INITIAL, true, T));
    }

    @Test
    void mixedFeedingIsJudgedPerPumpingAndMostlyNursingByFrequencyOnly() {
        ParentProfile mixed = new ParentProfile(PARIS, TODAY.minusWeeks(20), null, FeedingMode.MIXED, false);
        TrendMetrics m = metrics(threeWeeks(8, 100, 70), mixed);
        assertEquals(LevelKind.PER_PUMPING, m.levelKind());
        assertEquals(100.0, m.baselineLevel());
        assertEquals(70.0, m.currentLevel());
        ParentProfile nursing = new ParentProfile(PARIS, TODAY.minusWeeks(20), null, FeedingMode.MOSTLY_NURSING, false);
        TrendMetrics n = metrics(threeWeeks(8, 100, 70), nursing);
        assertNull(n.levelKind());
        assertEquals(Assessment.of(SupplyStatus.STABLE), assess(n, StatusState.INITIAL), "no volume alarm");
    }

    @Test
    void fewerThanFourDaysWithVolumeInAWindowIsInsufficientData() {
        List<DailySupply> days = new ArrayList<>(threeWeeks(8, 100, 70));
        // the parent logged only 3 days of the baseline week
        days.replaceAll(d -> d.date().isBefore(TODAY.minusDays(7)) && d.date().isAfter(TODAY.minusDays(12))
                ? new DailySupply(d.date(), 0, 0, 0, 0, 0, List.of(), null, null) : d);
        TrendMetrics m = metrics(days);
        assertEquals(3, m.volumeDaysBaseline());
        assertEquals(SupplyStatus.INSUFFICIENT_DATA, assess(m, StatusState.INITIAL).status());
    }

    @Test
    void theilSenSlopeIgnoresOneOddDay() {
        List<DailySupply> steady = new ArrayList<>(threeWeeks(8, 100, 100));
        assertEquals(0.0, metrics(steady).slopeMlPerDay());
        // one day logged at twice the volume (a double entry) barely moves the robust slope
        steady.replaceAll(d -> d.date().equals(TODAY.minusDays(3))
                ? new DailySupply(d.date(), 1600, 800, 800, 16, 0, d.gapsMinutes(), d.firstRemoval(), d.lastRemoval()) : d);
        assertEquals(0.0, metrics(steady).slopeMlPerDay());
    }

    @Test
    void theRegularityRulesFollowTheBabysAgeOrTheWeeksOfUse() {
        assertEquals(8, T.minRemovalsPerDay(3));
        assertEquals(6, T.minRemovalsPerDay(12));
        assertEquals(6, T.minRemovalsPerDay(null));
        ParentProfile fourWeeks = new ParentProfile(PARIS, TODAY.minusWeeks(4), null);
        TrendMetrics sevenADay = metrics(threeWeeks(7, 100, 100), fourWeeks);
        assertEquals(RuleSet.EARLY, sevenADay.ruleSet());
        assertEquals(0, sevenADay.regularDays(), "7 a day is not regular for a 4-week-old");
        ParentProfile unknownAge = new ParentProfile(PARIS, null, null);
        assertEquals(RuleSet.EARLY, SupplyTrendCalculator.ruleSet(unknownAge, TODAY, TODAY.minusWeeks(3), T));
        assertEquals(RuleSet.ESTABLISHED, SupplyTrendCalculator.ruleSet(unknownAge, TODAY, TODAY.minusWeeks(13), T));
        // four a day, 5 h 40 min apart: irregular early (count and gaps); at 20 weeks the count alone decides
        assertEquals(0, metrics(threeWeeks(6, 100, 100), fourWeeks).regularDays(), "4 h gaps but 6 < 8 a day");
        assertEquals(7, metrics(threeWeeks(6, 100, 100)).regularDays());
    }
}
