package app.supplyline.analytics.trend;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static app.supplyline.analytics.trend.TrendFixtures.PARIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Local days as the calendar makes them: daylight-saving days, a changed timezone, a day logged late. */
class CalendarTest {

    /** A pumping every three hours of real time from {@code first}, {@code count} times, 50 + 50 mL each. */
    private static List<Removal> everyThreeHours(Instant first, int count) {
        List<Removal> removals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = first.plus(Duration.ofHours(3L * i));
            removals.add(new Removal(start, start.plus(Duration.ofMinutes(20)), true, 50, 50));
        }
        return removals;
    }

    @Test
    void theTwentyFiveHourDayHoldsNineThreeHourlyPumpingsAndGapsAreRealMinutes() {
        // 2026-10-25 in Paris runs from 22:00Z the day before to 23:00Z: 25 hours
        LocalDate day = LocalDate.of(2026, 10, 25);
        DailySupply d = DailyAggregator.aggregate(everyThreeHours(Instant.parse("2026-10-24T22:30:00Z"), 9), PARIS, day, day).get(0);
        assertEquals(9, d.pumpingSessions());
        assertEquals(900.0, d.totalMl());
        assertEquals(160, d.longestGapMinutes());
    }

    @Test
    void theTwentyThreeHourDayHoldsEightAndTheNinthBelongsToTheNextDay() {
        // 2026-03-29 in Paris runs from 23:00Z the day before to 22:00Z: 23 hours
        LocalDate day = LocalDate.of(2026, 3, 29);
        List<DailySupply> days = DailyAggregator.aggregate(everyThreeHours(Instant.parse("2026-03-28T23:30:00Z"), 9),
                PARIS, day, day.plusDays(1));
        assertEquals(8, days.get(0).pumpingSessions());
        assertEquals(1, days.get(1).pumpingSessions());
        assertEquals(160, days.get(1).longestGapMinutes(), "the gap before the next day's first pumping crosses midnight");
    }

    @Test
    void aChangedTimezoneRecomputesTheDaysFromTheSameInstants() {
        // 23:30 in Paris is 17:30 in New York on the same date, 00:30 in Paris is the evening before there
        List<Removal> removals = List.of(
                new Removal(Instant.parse("2026-11-10T23:30:00Z"), Instant.parse("2026-11-10T23:50:00Z"), true, 60, 60));
        LocalDate paris = LocalDate.of(2026, 11, 11);
        assertEquals(120.0, DailyAggregator.aggregate(removals, PARIS, paris, paris).get(0).totalMl());
        var newYork = DailyAggregator.aggregate(removals, java.time.ZoneId.of("America/New_York"),
                LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 11));
        assertEquals(120.0, newYork.get(0).totalMl());
        assertEquals(0.0, newYork.get(1).totalMl());
    }

    @Test
    void aBackfilledSessionChangesOnlyItsOwnDay() {
        List<Removal> removals = new ArrayList<>(TrendFixtures.pumpings(14, 8, 100, TrendFixtures.TODAY.minusDays(1)));
        LocalDate from = TrendFixtures.TODAY.minusDays(14);
        List<DailySupply> before = DailyAggregator.aggregate(removals, PARIS, from, TrendFixtures.TODAY);
        LocalDate backfilled = TrendFixtures.TODAY.minusDays(9);
        Instant noon = backfilled.atTime(12, 0).atZone(PARIS).toInstant();
        removals.add(new Removal(noon, noon.plus(Duration.ofMinutes(15)), true, 40, 40));
        List<DailySupply> after = DailyAggregator.aggregate(removals, PARIS, from, TrendFixtures.TODAY);
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).date().equals(backfilled)) {
                assertNotEquals(before.get(i), after.get(i));
                assertEquals(880.0, after.get(i).totalMl());
                assertEquals(9, after.get(i).pumpingSessions());
            } else {
                assertEquals(before.get(i), after.get(i), "day " + before.get(i).date());
            }
        }
    }
}
