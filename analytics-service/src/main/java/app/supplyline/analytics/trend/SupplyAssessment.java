package app.supplyline.analytics.trend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One evaluation of a parent: the days it looked at, the metrics, the status and its explanation, the state for
 * the next evaluation, and whether the day-14 milestone was missed just now. Only complete days are judged: day D
 * from local midnight of D+1 plus the grace, so a status never comes from a day still being logged. Pure: the same
 * removals, profile, previous state and instant always give the same assessment.
 *
 * @param asOf the day after the last judged day (C ends the day before it)
 */
public record SupplyAssessment(LocalDate asOf, List<DailySupply> days, TrendMetrics metrics,
        SupplyStatusRules.Assessment status, Explanation explanation, Milestones.ComingToVolume comingToVolume,
        boolean milestoneMissed, StatusState next) {

    /** Days looked at before {@code asOf}: C, B and one more so that the first day's gap reaches back across midnight. */
    public static final int HISTORY_DAYS = 2 * SupplyTrendCalculator.WINDOW_DAYS + 1;

    /**
     * @param usingSince the day the parent first logged (null: unknown), for the rule set when the birth date is not
     *                   known
     */
    public static SupplyAssessment of(List<Removal> removals, ParentProfile profile, LocalDate usingSince,
            StatusState previous, Instant now, TrendThresholds t) {
        LocalDate asOf = asOf(now, profile, t);
        LocalDate from = asOf.minusDays(HISTORY_DAYS);
        LocalDate birth = profile.babyBirthDate();
        if (birth != null && birth.isBefore(from) && !birth.isBefore(asOf.minusDays(t.followDays()))) {
            from = birth;
        }
        List<DailySupply> days = DailyAggregator.aggregate(removals, profile.zone(), from, asOf.minusDays(1));
        TrendMetrics metrics = SupplyTrendCalculator.compute(days, asOf, profile, usingSince, t);
        SupplyStatusRules.Assessment status = SupplyStatusRules.assess(metrics, previous, profile.reducingOnPurpose(), t);
        Milestones.ComingToVolume milestone = Milestones.comingToVolume(profile, days, asOf, t);
        boolean missed = !previous.milestoneAnnounced()
                && Milestones.announce(milestone, profile, asOf.minusDays(1), t);
        Transition cause = status.transition() != null ? status.transition()
                : status.status() == previous.status() ? previous.cause() : null;
        StatusState next = new StatusState(status.status(), status.reasons(), cause, status.referenceLevel(),
                status.referenceKind(), status.phaseSince(), previous.milestoneAnnounced() || missed);
        return new SupplyAssessment(asOf, days, metrics, status,
                Explanation.of(metrics, profile, previous, status, cause), milestone, missed, next);
    }

    /** The day after the last complete local day at {@code now}: today from the grace on, else yesterday. */
    public static LocalDate asOf(Instant now, ParentProfile profile, TrendThresholds t) {
        return LocalDateTime.ofInstant(now, profile.zone()).minus(t.completeDayGrace()).toLocalDate();
    }

    /** The earliest instant whose removals can matter to an assessment at {@code now}, whatever the timezone. */
    public static Instant horizon(Instant now, TrendThresholds t) {
        return now.minus(Duration.ofDays(Math.max(HISTORY_DAYS, t.followDays()) + 2));
    }
}
