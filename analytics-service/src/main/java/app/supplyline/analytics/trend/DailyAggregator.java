package app.supplyline.analytics.trend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a parent's removals into one {@link DailySupply} per local day of their timezone. The gap before a day's
 * first removal reaches back to the previous removal only when that one was on the day before: a whole day without
 * a log is missing data, not a 30-hour gap.
 */
public final class DailyAggregator {

    private DailyAggregator() {
    }

    /** Every day from {@code from} to {@code to} (inclusive), days without removals included as empty days. */
    public static List<DailySupply> aggregate(List<Removal> removals, ZoneId zone, LocalDate from, LocalDate to) {
        List<Removal> sorted = removals.stream().sorted(Comparator.comparing(Removal::startedAt)).toList();
        List<DailySupply> days = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            double total = 0;
            double left = 0;
            double right = 0;
            int pumping = 0;
            int nursing = 0;
            List<Integer> gaps = new ArrayList<>();
            Instant first = null;
            Instant last = null;
            Instant previousEnd = null;
            LocalDate previousDay = null;
            for (Removal r : sorted) {
                LocalDate day = LocalDate.ofInstant(r.startedAt(), zone);
                if (day.equals(date)) {
                    // a gap reaching back over a day without any log is a gap in the log, not in removal
                    if (previousEnd != null && !previousDay.isBefore(date.minusDays(1))) {
                        gaps.add((int) Math.max(0, Duration.between(previousEnd, r.startedAt()).toMinutes()));
                    }
                    if (r.pumping()) {
                        pumping++;
                        total += r.totalMl();
                        left += r.leftMl();
                        right += r.rightMl();
                    } else {
                        nursing++;
                    }
                    first = first == null ? r.startedAt() : first;
                    last = r.startedAt();
                } else if (day.isAfter(date)) {
                    break;
                }
                if (previousEnd == null || r.endedAt().isAfter(previousEnd)) {
                    previousEnd = r.endedAt();
                }
                previousDay = day;
            }
            days.add(new DailySupply(date, round1(total), round1(left), round1(right), pumping, nursing, gaps,
                    first, last));
        }
        return days;
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
