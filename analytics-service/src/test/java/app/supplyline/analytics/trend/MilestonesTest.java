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

/** Coming to volume and goal progress (the insights: {@link InsightCalculatorTest}). */
class MilestonesTest {

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
}
