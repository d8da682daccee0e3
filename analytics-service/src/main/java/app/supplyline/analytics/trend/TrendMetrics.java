package app.supplyline.analytics.trend;

import java.time.LocalDate;

/**
 * The metrics behind a status. C = the 7 complete local days before {@code asOf}, B = the 7 days before C. A day
 * without any removal logged is no data: averages and regularity use only the days with a log.
 *
 * @param currentAvgMl       the average pumped total of C's days with volume (what a chart shows)
 * @param changePct          C vs B of those totals
 * @param levelKind          what the judged level measures (null: volumes are not judged for this feeding mode)
 * @param currentLevel       C's level of that kind; {@code baselineLevel} B's; {@code levelChangePct} between them
 * @param removalsPerDay     removals per logged day in C; {@code baselineRemovalsPerDay} in B (null without a log)
 * @param loggedDaysCurrent  days of C with at least one removal; {@code regularDays} of them regular
 */
public record TrendMetrics(LocalDate currentFrom, LocalDate currentTo, LocalDate baselineFrom, LocalDate baselineTo,
        FeedingMode feedingMode, RuleSet ruleSet, Double currentAvgMl, Double baselineAvgMl, Double changePct,
        Double slopeMlPerDay, LevelKind levelKind, Double currentLevel, Double baselineLevel, Double levelChangePct,
        double removalsPerDay, Double baselineRemovalsPerDay, int loggedDaysCurrent, int regularDays,
        Double adherencePct, Integer longestGapMinutes, int volumeDaysCurrent, int volumeDaysBaseline) {

    /** Logged days of C that were not regular. */
    public int irregularDays() {
        return loggedDaysCurrent - regularDays;
    }
}
