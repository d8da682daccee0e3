package app.supplyline.analytics.trend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parent's removals into one {@link DailySupply} per local day of their timezone, in one pass over the
 * removals in start order. The gap before a day's first removal reaches back to the previous removal only when that
 * one was on the day before: a whole day without a log is missing data, not a 30-hour gap.
 */
public final class DailyAggregator {

    private DailyAggregator() {
    }

    /** One day's sums while the removals stream by. */
    private static final class Day {
        double total;
        double left;
        double right;
        int pumping;
        int nursing;
        final List<Integer> gaps = new ArrayList<>();
        Instant first;
        Instant last;
    }

    /** Every day from {@code from} to {@code to} (inclusive), days without removals included as empty days. */
    public static List<DailySupply> aggregate(List<Removal> removals, ZoneId zone, LocalDate from, LocalDate to) {
        List<Removal> sorted = removals.stream().sorted(Comparator.comparing(Removal::startedAt)).toList();
        Map<LocalDate, Day> days = new HashMap<>();
        Instant previousEnd = null;
        LocalDate previousDay = null;
        for (Removal r : sorted) {
            LocalDate date = LocalDate.ofInstant(r.startedAt(), zone);
            if (date.isAfter(to)) {
                break;
            }
            if (!date.isBefore(from)) {
                Day day = days.computeIfAbsent(date, d -> new Day());
                // a gap reaching back over a day without any log is a gap in the log, not in removal
                if (previousEnd != null && !previousDay.isBefore(date.minusDays(1))) {
                    day.gaps.add((int) Math.max(0, Duration.between(previousEnd, r.startedAt()).toMinutes()));
                }
                if (r.pumping()) {
                    day.pumping++;
                    day.total += r.totalMl();
                    day.left += r.leftMl();
                    day.right += r.rightMl();
                } else {
                    day.nursing++;
                }
                day.first = day.first == null ? r.startedAt() : day.first;
                day.last = r.startedAt();
            }
            if (previousEnd == null || r.endedAt().isAfter(previousEnd)) {
                previousEnd = r.endedAt();
            }
            previousDay = date;
        }
        List<DailySupply> out = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            Day d = days.getOrDefault(date, new Day());
            out.add(new DailySupply(date, round1(d.total), round1(d.left), round1(d.right), d.pumping, d.nursing,
                    d.gaps, d.first, d.last));
        }
        return out;
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
