package app.supplyline.analytics.trend;

/**
 * The metrics behind a status. C = the 7 complete local days before today, B = the 7 days before C. Averages are
 * over the days of a window that have pumped volume (a day without a log is not a day without milk).
 */
public record TrendMetrics(Double currentAvgMl, Double baselineAvgMl, Double changePct, Double slopeMlPerDay,
        double removalsPerDay, int regularDays, Double adherencePct, Integer longestGapMinutes, int volumeDaysCurrent,
        int volumeDaysBaseline) {
}
