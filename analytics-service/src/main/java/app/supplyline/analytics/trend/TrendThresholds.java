package app.supplyline.analytics.trend;

import java.time.Duration;

/**
 * The status rules' numbers; each one's source, or "product choice", is in docs/domain.md. SEEK_HELP at a
 * week-over-week fall of 20 % although removal was regular is a product choice: no validated threshold exists.
 *
 * @param minRemovalsPerDayEarly      removals a day that count as regular while the baby is younger than
 *                                    {@code earlyWeeks} weeks
 * @param minRemovalsPerDayEstablished removals a day that count as regular later, or when the age is unknown
 * @param earlyWeeks                  the early weeks, in which the longest-gap rule applies too
 * @param maxGapHours                 the longest gap between removals that counts as regular in the early weeks
 * @param seekHelpDropPct             change (C vs B) at or below which regular removal means SEEK_HELP
 * @param watchDipPct                 change at or below which regular removal means WATCH (SUPPLY_DIP); also the
 *                                    change above which a level counts as settled
 * @param recoverAbovePct             an episode recovers when C ≥ reference × (1 + this / 100)
 * @param minRegularDays              of the 7 days of C, the regular ones needed (days without a log are no data:
 *                                    at most 7 − this logged days may be irregular)
 * @param minVolumeDays               days with data needed in a window before it is judged
 * @param fewerRemovalsPct            removals a day in C this much (%) below B explain a drop
 * @param newNormalDays               how long a lower level after an episode holds before it is the new normal
 * @param completeDayGrace            day D is judged from local midnight of D+1 plus this (10:00 by default)
 * @param comingToVolumeMl            the daily pumped volume of "coming to volume"
 * @param comingToVolumeDay           the day of life by which it should be reached
 * @param followDays                  how long after birth the early milestones are followed
 */
public record TrendThresholds(int minRemovalsPerDayEarly, int minRemovalsPerDayEstablished, int earlyWeeks,
        double maxGapHours, double seekHelpDropPct, double watchDipPct, double recoverAbovePct, int minRegularDays,
        int minVolumeDays, double fewerRemovalsPct, int newNormalDays, Duration completeDayGrace,
        double comingToVolumeMl, int comingToVolumeDay, int followDays) {

    public static TrendThresholds defaults() {
        return new TrendThresholds(8, 6, 12, 5.0, -20.0, -10.0, -10.0, 5, 4, 15.0, 14, Duration.ofHours(10), 500, 14, 42);
    }

    /** The same rules with day D judged from local midnight of D+1 plus {@code grace}. */
    public TrendThresholds withCompleteDayGrace(Duration grace) {
        return new TrendThresholds(minRemovalsPerDayEarly, minRemovalsPerDayEstablished, earlyWeeks, maxGapHours,
                seekHelpDropPct, watchDipPct, recoverAbovePct, minRegularDays, minVolumeDays, fewerRemovalsPct,
                newNormalDays, grace, comingToVolumeMl, comingToVolumeDay, followDays);
    }

    /** 8 removals a day while the baby is under 12 weeks, 6 after or when the birth date is unknown. */
    public int minRemovalsPerDay(Integer babyAgeWeeks) {
        return babyAgeWeeks != null && babyAgeWeeks < earlyWeeks ? minRemovalsPerDayEarly : minRemovalsPerDayEstablished;
    }
}
