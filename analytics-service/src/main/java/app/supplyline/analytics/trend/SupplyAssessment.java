package app.supplyline.analytics.trend;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One evaluation of a parent on a local day: the days it looked at, the metrics and the status. Pure: the same
 * removals, profile, previous status and day always give the same assessment.
 */
public record SupplyAssessment(LocalDate today, List<DailySupply> days, TrendMetrics metrics,
        SupplyStatusRules.Assessment status) {

    /** Days looked at before today: C, B and one more so that the first day's gap reaches back across midnight. */
    public static final int HISTORY_DAYS = 2 * SupplyTrendCalculator.WINDOW_DAYS + 1;

    public static SupplyAssessment of(List<Removal> removals, ParentProfile profile, SupplyStatus previous,
            Instant now, TrendThresholds thresholds) {
        LocalDate today = LocalDate.ofInstant(now, profile.zone());
        List<DailySupply> days = DailyAggregator.aggregate(removals, profile.zone(), today.minusDays(HISTORY_DAYS), today);
        TrendMetrics metrics = SupplyTrendCalculator.compute(days, today,
                thresholds.minRemovalsPerDay(profile.babyAgeWeeks(today)), thresholds);
        return new SupplyAssessment(today, days, metrics, SupplyStatusRules.assess(metrics, previous, thresholds));
    }

    /** The earliest instant whose removals can matter to an assessment at {@code now}, whatever the timezone. */
    public static Instant horizon(Instant now) {
        return now.minus(java.time.Duration.ofDays(HISTORY_DAYS + 2));
    }
}
