package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What the trend needs of a parent's profile. Until the parent sets a profile their local days are UTC days, the
 * baby's age is unknown and they are judged as pumping exclusively. {@code reducingOnPurpose}: the parent is weaning
 * or reducing on purpose, so a drop is expected and raises no alarm.
 */
public record ParentProfile(ZoneId zone, LocalDate babyBirthDate, Integer dailyGoalMl, FeedingMode feedingMode,
        boolean reducingOnPurpose) {

    public static final ParentProfile UNKNOWN = new ParentProfile(ZoneOffset.UTC, null, null, null, false);

    public ParentProfile(ZoneId zone, LocalDate babyBirthDate, Integer dailyGoalMl) {
        this(zone, babyBirthDate, dailyGoalMl, null, false);
    }

    /** The declared mode, or exclusive pumping when none was declared. */
    public FeedingMode mode() {
        return FeedingMode.orDefault(feedingMode);
    }

    /** Whole weeks since birth on {@code today}; null when the birth date is unknown. */
    public Integer babyAgeWeeks(LocalDate today) {
        return babyBirthDate == null ? null : (int) ChronoUnit.WEEKS.between(babyBirthDate, today);
    }

    /** Days since birth on {@code today} (the day of birth is day 0); null when unknown. */
    public Integer babyAgeDays(LocalDate today) {
        return babyBirthDate == null ? null : (int) ChronoUnit.DAYS.between(babyBirthDate, today);
    }
}
