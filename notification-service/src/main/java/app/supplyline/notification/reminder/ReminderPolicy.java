package app.supplyline.notification.reminder;

import app.supplyline.notification.preferences.Preferences;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a parent's next reminder is due; pure. Intervals are real durations after the end of the last removal. The
 * night interval applies when the gap starts at night or runs into the night (local time, {@code nightStart} to
 * {@code nightEnd}; the window may cross midnight): babies feed less often at night, and so may parents pump. The
 * window is a product choice, 22:00–06:00 unless {@code supplyline.reminders.night-start} and
 * {@code supplyline.reminders.night-end} say otherwise (see {@link ReminderClock}); equal times mean no night. A due
 * time inside the parent's quiet hours moves to their end.
 */
public record ReminderPolicy(LocalTime nightStart, LocalTime nightEnd) {

    public ReminderPolicy {
        Objects.requireNonNull(nightStart, "nightStart");
        Objects.requireNonNull(nightEnd, "nightEnd");
    }

    /** Null when the parent does not want reminders. */
    public Instant dueAt(Instant lastRemovalEnd, ZoneId zone, Preferences p) {
        if (!p.remindersEnabled()) {
            return null;
        }
        Instant byDay = lastRemovalEnd.plus(Duration.ofMinutes(p.reminderIntervalMinutes()));
        boolean night = isNight(lastRemovalEnd, zone) || isNight(byDay, zone);
        Instant due = night ? lastRemovalEnd.plus(Duration.ofMinutes(p.nightIntervalMinutes())) : byDay;
        return afterQuietHours(due, zone, p.quietHours());
    }

    boolean isNight(Instant at, ZoneId zone) {
        return !nightStart.equals(nightEnd) && within(at.atZone(zone).toLocalTime(), nightStart, nightEnd);
    }

    /** {@code at}, or the end of the quiet hours it falls in (local time; the window may cross midnight). */
    public static Instant afterQuietHours(Instant at, ZoneId zone, Preferences.QuietHours quiet) {
        return quiet == null ? at : quiet.endAfter(at, zone);
    }

    /** Whether {@code t} is in [start, end), a window that may cross midnight. */
    static boolean within(LocalTime t, LocalTime start, LocalTime end) {
        return Preferences.QuietHours.within(t, start, end);
    }
}
