package app.supplyline.session.journal;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A parent's profile: the IANA timezone their local days are counted in, the baby's birth date (early weeks call
 * for more removals), how they feed, whether they are reducing their supply on purpose (weaning or a planned
 * reduction: a falling trend is then expected, not an alarm), the unit they read volumes in, and an optional daily
 * goal set with a clinician.
 */
public record Profile(String timezone, LocalDate babyBirthDate, FeedingMode feedingMode, boolean reducingOnPurpose,
        VolumeUnit preferredUnit, Integer dailyGoalMl) {

    public enum FeedingMode {
        EXCLUSIVELY_PUMPING,
        MIXED,
        MOSTLY_NURSING
    }

    public enum VolumeUnit {
        ML,
        OZ
    }

    /** The profile of a parent who never set one: UTC, nothing else known, not reducing, volumes in mL. */
    public static Profile defaults() {
        return new Profile("UTC", null, null, false, VolumeUnit.ML, null);
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
