package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.util.List;

/**
 * Early milestones (DOMAIN.md): while the baby is younger than six weeks, "coming to volume" — the first local day
 * with at least 500 mL pumped, and whether it came by day 14 after birth, the strongest early predictor of
 * continuing to provide milk.
 */
public final class Milestones {

    public static final double VOLUME_ML = 500;
    public static final int BY_DAY = 14;
    public static final int FOLLOW_DAYS = 42;

    private Milestones() {
    }

    /**
     * @param dayOfLife   days after birth of the milestone day (birth day = 0)
     * @param reachedByDay14 true or false once known; null while it can still happen by day 14
     */
    public record ComingToVolume(boolean reached, LocalDate date, Integer dayOfLife, Boolean reachedByDay14) {
    }

    /** Null unless the birth date is known and less than six weeks ago; {@code days} must cover birth to today. */
    public static ComingToVolume comingToVolume(ParentProfile profile, List<DailySupply> days, LocalDate today) {
        Integer age = profile.babyAgeDays(today);
        if (age == null || age < 0 || age >= FOLLOW_DAYS) {
            return null;
        }
        LocalDate birth = profile.babyBirthDate();
        for (DailySupply day : days) {
            if (!day.date().isBefore(birth) && day.totalMl() >= VOLUME_ML) {
                int dayOfLife = (int) (day.date().toEpochDay() - birth.toEpochDay());
                return new ComingToVolume(true, day.date(), dayOfLife, dayOfLife <= BY_DAY);
            }
        }
        return new ComingToVolume(false, null, null, age > BY_DAY ? Boolean.FALSE : null);
    }

    /** Today's running total and C's average as shares of the daily goal; null without a goal. */
    public record GoalProgress(int dailyGoalMl, double todayMl, double todayPct, Double currentAvgPct) {
    }

    public static GoalProgress goal(ParentProfile profile, DailySupply today, Double currentAvgMl) {
        Integer goal = profile.dailyGoalMl();
        if (goal == null || goal <= 0) {
            return null;
        }
        return new GoalProgress(goal, today.totalMl(), SupplyTrendCalculator.round1(100 * today.totalMl() / goal),
                currentAvgMl == null ? null : SupplyTrendCalculator.round1(100 * currentAvgMl / goal));
    }
}
