package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.util.List;

/**
 * Early milestones (docs/domain.md): while the baby is younger than the follow-up period (six weeks), "coming to
 * volume" — the first local day with at least the milestone volume (500 mL) pumped, and whether it came by day 14
 * after birth, the strongest early predictor of continuing to provide milk. Measured only for a parent who pumps
 * exclusively (or did not say) and logged pumpings: nursing volumes are not measured, so a mixed or mostly nursing
 * parent's pumped total says nothing about it.
 */
public final class Milestones {

    private Milestones() {
    }

    /** Why coming to volume is not measured for a parent. */
    public enum NotMeasured {
        /** Mixed feeding or mostly nursing: pumped volumes are only part of the milk. */
        FEEDING_MODE,
        /** Pumping logged on fewer than {@code minVolumeDays} of the 7 days up to the milestone day. */
        NO_PUMPING_LOGGED
    }

    /**
     * @param dayOfLife      days after birth of the milestone day (birth day = 0)
     * @param reachedByDay14 true or false once known; null while it can still happen by the milestone day, and when
     *                       not measured
     * @param notMeasured    why it is not measured; null when it is
     */
    public record ComingToVolume(boolean reached, LocalDate date, Integer dayOfLife, Boolean reachedByDay14,
            NotMeasured notMeasured) {
    }

    /**
     * Null unless the birth date is known and less than the follow-up period before {@code asOf}; {@code days} must
     * cover birth to the day before {@code asOf} (the complete days). Once the milestone day is judged without a day
     * at the volume, it is measured only if pumping was logged on at least {@code minVolumeDays} of the 7 days up to
     * it: a parent who logged little, or started logging later, was not measured.
     */
    public static ComingToVolume comingToVolume(ParentProfile profile, List<DailySupply> days, LocalDate asOf,
            TrendThresholds t) {
        Integer age = profile.babyAgeDays(asOf);
        if (age == null || age < 0 || age >= t.followDays()) {
            return null;
        }
        if (profile.mode() != FeedingMode.EXCLUSIVELY_PUMPING) {
            return new ComingToVolume(false, null, null, null, NotMeasured.FEEDING_MODE);
        }
        LocalDate birth = profile.babyBirthDate();
        LocalDate due = birth.plusDays(t.comingToVolumeDay());
        List<DailySupply> sinceBirth = days.stream()
                .filter(d -> !d.date().isBefore(birth) && d.date().isBefore(asOf)).toList();
        DailySupply first = sinceBirth.stream().filter(d -> d.totalMl() >= t.comingToVolumeMl()).findFirst().orElse(null);
        Integer dayOfLife = first == null ? null : (int) (first.date().toEpochDay() - birth.toEpochDay());
        if (dayOfLife != null && dayOfLife <= t.comingToVolumeDay()) {
            return new ComingToVolume(true, first.date(), dayOfLife, true, null);
        }
        if (age <= t.comingToVolumeDay()) {
            return new ComingToVolume(false, null, null, null, null); // can still happen
        }
        long pumpingDays = sinceBirth.stream()
                .filter(d -> !d.date().isBefore(due.minusDays(6)) && !d.date().isAfter(due) && d.pumpingSessions() > 0)
                .count();
        boolean measured = pumpingDays >= t.minVolumeDays();
        return new ComingToVolume(first != null, first == null ? null : first.date(), dayOfLife,
                measured ? Boolean.FALSE : null, measured ? null : NotMeasured.NO_PUMPING_LOGGED);
    }

    /**
     * Whether the missed milestone is to be announced now: measured and missed, not reached since, and judged no
     * later than a week after the milestone day (a parent who reached the volume meanwhile, or an evaluation long
     * after, is not told).
     */
    public static boolean announce(ComingToVolume c, ParentProfile profile, LocalDate judged, TrendThresholds t) {
        return c != null && Boolean.FALSE.equals(c.reachedByDay14()) && !c.reached()
                && !judged.isAfter(profile.babyBirthDate().plusDays(t.comingToVolumeDay() + 7L));
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
