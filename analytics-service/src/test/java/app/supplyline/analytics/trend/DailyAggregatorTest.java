package app.supplyline.analytics.trend;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DailyAggregatorTest {

    @Test
    void sumsVolumesAndCountsRemovalsPerLocalDay() {
        List<DailySupply> days = DailyAggregator.aggregate(TrendFixtures.pumpings(2, 8, 100, TrendFixtures.TODAY.minusDays(1)),
                TrendFixtures.PARIS, TrendFixtures.TODAY.minusDays(2), TrendFixtures.TODAY.minusDays(1));
        assertEquals(2, days.size());
        DailySupply yesterday = days.get(1);
        assertEquals(800.0, yesterday.totalMl());
        assertEquals(400.0, yesterday.leftMl());
        assertEquals(8, yesterday.removals());
        assertEquals(160, yesterday.longestGapMinutes(), "3 h spacing minus 20 min sessions");
        assertEquals(8, yesterday.gapsMinutes().size(), "the first removal's gap reaches back to the day before");
    }

    @Test
    void localDaysFollowTheParentsTimezone() {
        // 23:30 UTC on the 26th is 00:30 on the 27th in Paris
        Instant lateUtc = Instant.parse("2026-11-26T23:30:00Z");
        List<DailySupply> days = DailyAggregator.aggregate(List.of(new Removal(lateUtc, lateUtc.plusSeconds(1200), true, 60, 0)),
                ZoneId.of("Europe/Paris"), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27));
        assertEquals(0, days.get(0).removals());
        assertEquals(1, days.get(1).removals());
    }

    @Test
    void theNightGapCountsForTheDayItEndsAndNursingCountsAsARemovalWithoutVolume() {
        ZoneId utc = ZoneId.of("UTC");
        List<Removal> removals = List.of(
                new Removal(Instant.parse("2026-11-25T22:40:00Z"), Instant.parse("2026-11-25T23:00:00Z"), true, 50, 50),
                new Removal(Instant.parse("2026-11-26T06:00:00Z"), Instant.parse("2026-11-26T06:15:00Z"), false, 0, 0));
        List<DailySupply> days = DailyAggregator.aggregate(removals, utc, LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26));
        assertNull(days.get(0).longestGapMinutes());
        assertEquals(7 * 60, days.get(1).longestGapMinutes());
        assertEquals(1, days.get(1).nursingSessions());
        assertEquals(0.0, days.get(1).totalMl());
    }
}
