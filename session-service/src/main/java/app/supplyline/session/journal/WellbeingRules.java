package app.supplyline.session.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The rules of a profile and of a check-in. */
public final class WellbeingRules {

    static final int MIN_GOAL_ML = 100;
    static final int MAX_GOAL_ML = 2000;
    static final BigDecimal MAX_SLEEP_HOURS = new BigDecimal("24");
    static final int MAX_WATER_ML = 10_000;

    private WellbeingRules() {
    }

    public static List<Violation> check(Profile p, Instant now) {
        List<Violation> v = new ArrayList<>();
        if (p.timezone() == null || !ZoneId.getAvailableZoneIds().contains(p.timezone())) {
            v.add(new Violation("timezone", "must be an IANA timezone id such as Europe/Paris"));
        }
        if (p.babyBirthDate() != null) {
            LocalDate today = LocalDate.ofInstant(now, ZoneId.of("Pacific/Kiritimati")); // the earliest today on Earth
            if (p.babyBirthDate().isAfter(today)) {
                v.add(new Violation("babyBirthDate", "must not be in the future"));
            } else if (p.babyBirthDate().isBefore(today.minusYears(5))) {
                v.add(new Violation("babyBirthDate", "must be within the last 5 years"));
            }
        }
        if (p.dailyGoalMl() != null && (p.dailyGoalMl() < MIN_GOAL_ML || p.dailyGoalMl() > MAX_GOAL_ML)) {
            v.add(new Violation("dailyGoalMl", "must be between " + MIN_GOAL_ML + " and " + MAX_GOAL_ML + " mL"));
        }
        if (p.preferredUnit() == null) {
            v.add(new Violation("preferredUnit", "is required: ML or OZ"));
        }
        return v;
    }

    /** A check-in is for a local day of the parent, today or up to a year back. */
    public static List<Violation> check(CheckIn c, ZoneId parentZone, Instant now, int maxNotesLength) {
        List<Violation> v = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(now, parentZone);
        if (c.date() == null) {
            v.add(new Violation("date", "is required"));
        } else if (c.date().isAfter(today)) {
            v.add(new Violation("date", "must not be after today (" + today + " in " + parentZone + ")"));
        } else if (c.date().isBefore(today.minusYears(1))) {
            v.add(new Violation("date", "must be within the last year"));
        }
        if (c.sleepHours() != null && (c.sleepHours().signum() < 0 || c.sleepHours().compareTo(MAX_SLEEP_HOURS) > 0
                || c.sleepHours().stripTrailingZeros().scale() > 1)) {
            v.add(new Violation("sleepHours", "must be between 0 and 24 hours, one decimal at most"));
        }
        if (c.waterMl() != null && (c.waterMl() < 0 || c.waterMl() > MAX_WATER_ML)) {
            v.add(new Violation("waterMl", "must be between 0 and " + MAX_WATER_ML + " mL"));
        }
        if (c.stress() != null && (c.stress() < 1 || c.stress() > 5)) {
            v.add(new Violation("stress", "must be between 1 (calm) and 5 (very stressed)"));
        }
        if (c.sleepHours() == null && c.waterMl() == null && c.stress() == null && c.notes() == null) {
            v.add(new Violation("sleepHours", "a check-in needs at least one of sleepHours, waterMl, stress, notes"));
        }
        if (c.notes() != null && c.notes().length() > maxNotesLength) {
            v.add(new Violation("notes", "must be at most " + maxNotesLength + " characters"));
        }
        return v;
    }
}
