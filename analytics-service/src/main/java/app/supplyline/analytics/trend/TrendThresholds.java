package app.supplyline.analytics.trend;

/**
 * The product rules' numbers (DOMAIN.md). SEEK_HELP at a week-over-week fall of 20 % or more although at least 5 of
 * 7 days had regular removal is a product decision, not a clinical standard: no validated threshold exists.
 */
public record TrendThresholds(int minRemovalsPerDayEarly, int minRemovalsPerDayEstablished, int earlyWeeks,
        double maxGapHours, double seekHelpDropPct, double watchDipPct, double recoverAbovePct, int minRegularDays,
        int minVolumeDays) {

    public static TrendThresholds defaults() {
        return new TrendThresholds(8, 6, 12, 5.0, -20.0, -10.0, -10.0, 5, 4);
    }

    /** 8 removals a day while the baby is under 12 weeks, 6 after or when the birth date is unknown. */
    public int minRemovalsPerDay(Integer babyAgeWeeks) {
        return babyAgeWeeks != null && babyAgeWeeks < earlyWeeks ? minRemovalsPerDayEarly : minRemovalsPerDayEstablished;
    }
}
