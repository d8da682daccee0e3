package app.supplyline.analytics.trend;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One local day of a parent. {@code gapsMinutes} holds, for each removal that started that day and had an earlier
 * one, the time without removal before it — so the gap before the day's first removal reaches back across midnight.
 */
public record DailySupply(LocalDate date, double totalMl, double leftMl, double rightMl, int pumpingSessions,
        int nursingSessions, List<Integer> gapsMinutes, Instant firstRemoval, Instant lastRemoval) {

    public DailySupply {
        gapsMinutes = List.copyOf(gapsMinutes);
    }

    /** Pumping and nursing sessions both remove milk. */
    public int removals() {
        return pumpingSessions + nursingSessions;
    }

    public boolean hasPumpedVolume() {
        return pumpingSessions > 0 && totalMl > 0;
    }

    /** The longest time without removal ending that day; null when no removal of the day had a predecessor. */
    public Integer longestGapMinutes() {
        return gapsMinutes.stream().max(Integer::compare).orElse(null);
    }
}
