package app.supplyline.analytics.trend;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** A parent's weeks of pumping as the tests need them: N sessions a day, evenly spaced from 00:30 local time, all within the day. */
final class TrendFixtures {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private TrendFixtures() {
    }

    /** {@code perDay} 20-minute pumpings a day on each of {@code days} days ending yesterday, {@code ml} each. */
    static List<Removal> pumpings(int days, int perDay, double ml, LocalDate lastDay) {
        List<Removal> out = new ArrayList<>();
        long spacingMinutes = 24 * 60 / perDay;
        for (int d = days - 1; d >= 0; d--) {
            LocalDate date = lastDay.minusDays(d);
            for (int i = 0; i < perDay; i++) {
                Instant start = ZonedDateTime.of(date.atTime(0, 30), PARIS).plusMinutes(i * spacingMinutes).toInstant();
                out.add(new Removal(start, start.plusSeconds(20 * 60), true, ml / 2, ml / 2));
            }
        }
        return out;
    }

    /** Three weeks: 8 a day at {@code baselineMl} each for 14 days, then 7 days at {@code currentMl}. */
    static List<DailySupply> threeWeeks(int perDay, double baselineMl, double currentMl) {
        List<Removal> removals = new ArrayList<>(pumpings(14, perDay, baselineMl, TODAY.minusDays(8)));
        removals.addAll(pumpings(7, perDay, currentMl, TODAY.minusDays(1)));
        return DailyAggregator.aggregate(removals, PARIS, TODAY.minusDays(21), TODAY.minusDays(1));
    }
}
