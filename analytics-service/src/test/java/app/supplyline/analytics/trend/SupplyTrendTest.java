package app.supplyline.analytics.trend;

import app.supplyline.analytics.trend.SupplyStatusRules.Assessment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static app.supplyline.analytics.trend.TrendFixtures.TODAY;
import static app.supplyline.analytics.trend.TrendFixtures.threeWeeks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupplyTrendTest {

    private static final TrendThresholds T = TrendThresholds.defaults();

    private static TrendMetrics metrics(List<DailySupply> days) {
        return SupplyTrendCalculator.compute(days, TODAY, T.minRemovalsPerDay(6), T);
    }

    @Test
    void aThirtyPercentDropDespiteRegularPumpingMeansSeekHelp() {
        TrendMetrics m = metrics(threeWeeks(8, 100, 70));
        assertEquals(800.0, m.baselineAvgMl());
        assertEquals(560.0, m.currentAvgMl());
        assertEquals(-30.0, m.changePct());
        assertEquals(8.0, m.removalsPerDay());
        assertEquals(7, m.regularDays());
        assertEquals(100.0, m.adherencePct());
        assertTrue(m.slopeMlPerDay() < 0, "falling: " + m.slopeMlPerDay());
        assertEquals(new Assessment(SupplyStatus.SEEK_HELP, List.of(StatusReason.SUPPLY_DROP)),
                SupplyStatusRules.assess(m, SupplyStatus.STABLE, T));
    }

    @Test
    void theSameDropWithFourRemovalsADayIsAFrequencyProblemNotAnAlarm() {
        TrendMetrics m = metrics(threeWeeks(4, 100, 70));
        assertEquals(0, m.regularDays());
        assertEquals(0.0, m.adherencePct(), "every gap is 5 h 40 min");
        assertEquals(new Assessment(SupplyStatus.WATCH, List.of(StatusReason.FREQUENCY_LOW)),
                SupplyStatusRules.assess(m, SupplyStatus.STABLE, T));
    }

    @Test
    void aSmallerDipWithRegularRemovalIsWatchAndSteadySupplyIsStable() {
        assertEquals(new Assessment(SupplyStatus.WATCH, List.of(StatusReason.SUPPLY_DIP)),
                SupplyStatusRules.assess(metrics(threeWeeks(8, 100, 85)), SupplyStatus.STABLE, T));
        assertEquals(new Assessment(SupplyStatus.STABLE, List.of()),
                SupplyStatusRules.assess(metrics(threeWeeks(8, 100, 95)), SupplyStatus.STABLE, T));
    }

    @Test
    void seekHelpEndsOnlyAboveMinusTenPercent() {
        TrendMetrics dip = metrics(threeWeeks(8, 100, 85));
        assertEquals(SupplyStatus.SEEK_HELP, SupplyStatusRules.assess(dip, SupplyStatus.SEEK_HELP, T).status());
        TrendMetrics recovered = metrics(threeWeeks(8, 100, 95));
        assertEquals(SupplyStatus.STABLE, SupplyStatusRules.assess(recovered, SupplyStatus.SEEK_HELP, T).status());
        TrendMetrics dropWhileIrregular = metrics(threeWeeks(4, 100, 70));
        assertEquals(new Assessment(SupplyStatus.SEEK_HELP, List.of(StatusReason.SUPPLY_DROP, StatusReason.FREQUENCY_LOW)),
                SupplyStatusRules.assess(dropWhileIrregular, SupplyStatus.SEEK_HELP, T));
    }

    @Test
    void fewerThanFourDaysWithVolumeInAWindowIsInsufficientData() {
        List<DailySupply> days = new ArrayList<>(threeWeeks(8, 100, 70));
        // the parent logged only 3 days of the baseline week
        days.replaceAll(d -> d.date().isBefore(TODAY.minusDays(7)) && d.date().isAfter(TODAY.minusDays(12))
                ? new DailySupply(d.date(), 0, 0, 0, 0, 0, List.of(), null, null) : d);
        TrendMetrics m = metrics(days);
        assertEquals(3, m.volumeDaysBaseline());
        assertEquals(SupplyStatus.INSUFFICIENT_DATA, SupplyStatusRules.assess(m, SupplyStatus.STABLE, T).status());
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
    void theRegularityThresholdFollowsTheBabysAge() {
        assertEquals(8, T.minRemovalsPerDay(3));
        assertEquals(6, T.minRemovalsPerDay(12));
        assertEquals(6, T.minRemovalsPerDay(null));
        TrendMetrics sevenADay = SupplyTrendCalculator.compute(threeWeeks(7, 100, 100), TODAY, T.minRemovalsPerDay(4), T);
        assertEquals(0, sevenADay.regularDays(), "7 a day is not regular for a 4-week-old");
    }
}
