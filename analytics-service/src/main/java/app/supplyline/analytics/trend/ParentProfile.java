package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What the trend needs of a parent's profile. Until the parent sets a profile their local days are UTC days and
 * the baby's age is unknown.
 */
public record ParentProfile(ZoneId zone, LocalDate babyBirthDate, Integer dailyGoalMl) {

    public static final ParentProfile UNKNOWN = new ParentProfile(ZoneOffset.UTC, null, null);

    /** Whole weeks since birth on {@code today}; null when the birth date is unknown. */
    public Integer babyAgeWeeks(LocalDate today) {
        return babyBirthDate == null ? null : (int) ChronoUnit.WEEKS.between(babyBirthDate, today);
    }

    /** Days since birth on {@code today} (the day of birth is day 0); null when unknown. */
    public Integer babyAgeDays(LocalDate today) {
        return babyBirthDate == null ? null : (int) ChronoUnit.DAYS.between(babyBirthDate, today);
    }
}
