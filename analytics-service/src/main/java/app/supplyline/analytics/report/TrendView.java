package app.supplyline.analytics.report;

import app.supplyline.analytics.trend.DailySupply;
import app.supplyline.analytics.trend.Milestones;
import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.SupplyStatus;
import app.supplyline.analytics.trend.Explanation;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A parent's supply trend as the API shows it (to the parent, and to a clinician with consent): the status with its
 * reasons as last evaluated, the metrics of the windows C and B (as of the last complete day), milestones, goal
 * progress, the explanation of the status, and the daily series, oldest first, ending with today so far.
 */
@JsonPropertyOrder({"status", "reasons", "statusSince", "currentAvgMl", "baselineAvgMl", "changePct", "slopeMlPerDay",
        "removalsPerDay", "regularDays", "adherencePct", "longestGapHours", "today", "timezone", "milestones", "goal",
        "explanation", "days"})
public record TrendView(SupplyStatus status, List<StatusReason> reasons, Instant statusSince, Double currentAvgMl,
        Double baselineAvgMl, Double changePct, Double slopeMlPerDay, double removalsPerDay, int regularDays,
        Double adherencePct, Double longestGapHours, LocalDate today, String timezone, MilestonesView milestones,
        Milestones.GoalProgress goal, ExplanationView explanation, List<DayView> days) {

    /** The numbers behind the status as last evaluated, and a sentence saying why in the reader's language. */
    public record ExplanationView(@JsonUnwrapped Explanation figures, String why) {
    }

    /** The baby's age and, in the first six weeks, coming to volume; null fields when the birth date is unknown. */
    public record MilestonesView(LocalDate babyBirthDate, Integer babyAgeDays, Milestones.ComingToVolume comingToVolume) {
    }

    /** One local day. */
    public record DayView(LocalDate date, double totalMl, double leftMl, double rightMl, int pumpingSessions,
            int nursingSessions, int removals, Integer longestGapMinutes, Instant firstRemovalAt,
            Instant lastRemovalAt) {

        static DayView of(DailySupply d) {
            return new DayView(d.date(), d.totalMl(), d.leftMl(), d.rightMl(), d.pumpingSessions(),
                    d.nursingSessions(), d.removals(), d.longestGapMinutes(), d.firstRemoval(), d.lastRemoval());
        }
    }
}
