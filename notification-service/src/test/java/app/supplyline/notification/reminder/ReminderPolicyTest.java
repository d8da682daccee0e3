package app.supplyline.notification.reminder;

import app.supplyline.notification.preferences.Preferences;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Due times by day and night (the default night and a configured one), with quiet hours across midnight, and on
 * daylight-saving days.
 */
class ReminderPolicyTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The default night, 22:00–06:00 (supplyline.reminders.night-start, night-end). */
    static final ReminderPolicy POLICY = new ReminderPolicy(LocalTime.of(22, 0), LocalTime.of(6, 0));

    private static Instant paris(String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), PARIS).toInstant();
    }

    private static Preferences prefs(Preferences.QuietHours quiet) {
        return new Preferences(true, 180, 240, quiet, "en", List.of(Preferences.Channel.INBOX), null);
    }

    @Test
    void byDayTheReminderComesTheIntervalAfterTheLastRemovalEnded() {
        assertEquals(paris("2026-11-20T12:30"), POLICY.dueAt(paris("2026-11-20T09:30"), PARIS, prefs(null)));
    }

    @Test
    void aGapThatStartsOrRunsIntoTheNightUsesTheNightInterval() {
        assertEquals(paris("2026-11-21T03:00"), POLICY.dueAt(paris("2026-11-20T23:00"), PARIS, prefs(null)));
        // 20:30 + 3 h = 23:30 is night: 20:30 + 4 h
        assertEquals(paris("2026-11-21T00:30"), POLICY.dueAt(paris("2026-11-20T20:30"), PARIS, prefs(null)));
        // 04:00 is night: + 4 h = 08:00
        assertEquals(paris("2026-11-21T08:00"), POLICY.dueAt(paris("2026-11-21T04:00"), PARIS, prefs(null)));
    }

    @Test
    void aConfiguredNightWindowDecidesWhichGapsGetTheNightInterval() {
        ReminderPolicy shortNight = new ReminderPolicy(LocalTime.of(23, 0), LocalTime.of(5, 0));
        // 19:30 + 3 h = 22:30: night by default (23:30), day in a night that starts at 23:00
        assertEquals(paris("2026-11-20T23:30"), POLICY.dueAt(paris("2026-11-20T19:30"), PARIS, prefs(null)));
        assertEquals(paris("2026-11-20T22:30"), shortNight.dueAt(paris("2026-11-20T19:30"), PARIS, prefs(null)));
        // 05:30 is night by default (+ 4 h), morning in a night that ends at 05:00 (+ 3 h)
        assertEquals(paris("2026-11-21T09:30"), POLICY.dueAt(paris("2026-11-21T05:30"), PARIS, prefs(null)));
        assertEquals(paris("2026-11-21T08:30"), shortNight.dueAt(paris("2026-11-21T05:30"), PARIS, prefs(null)));
        // inside both nights: the night interval either way
        assertEquals(paris("2026-11-21T03:30"), shortNight.dueAt(paris("2026-11-20T23:30"), PARIS, prefs(null)));
        // a window within one day (13:00–15:00)
        ReminderPolicy afternoon = new ReminderPolicy(LocalTime.of(13, 0), LocalTime.of(15, 0));
        assertEquals(paris("2026-11-21T15:00"), afternoon.dueAt(paris("2026-11-21T11:00"), PARIS, prefs(null)));
        assertEquals(paris("2026-11-21T02:00"), afternoon.dueAt(paris("2026-11-20T23:00"), PARIS, prefs(null)));
        // equal start and end: no night at all
        ReminderPolicy noNight = new ReminderPolicy(LocalTime.of(22, 0), LocalTime.of(22, 0));
        assertEquals(paris("2026-11-21T02:00"), noNight.dueAt(paris("2026-11-20T23:00"), PARIS, prefs(null)));
    }

    @Test
    void quietHoursAcrossMidnightDeferTheReminderToTheirEnd() {
        Preferences quiet = prefs(new Preferences.QuietHours(LocalTime.of(22, 30), LocalTime.of(6, 0)));
        // due 23:30 (quiet) → 06:00 the next morning
        assertEquals(paris("2026-11-21T06:00"), POLICY.dueAt(paris("2026-11-20T19:30"), PARIS, quiet));
        // due 03:00 (quiet, after midnight) → 06:00 the same morning
        assertEquals(paris("2026-11-21T06:00"), POLICY.dueAt(paris("2026-11-20T23:00"), PARIS, quiet));
        // due 10:00, outside the window: unchanged
        assertEquals(paris("2026-11-21T10:00"), POLICY.dueAt(paris("2026-11-21T07:00"), PARIS, quiet));
        // quiet hours within one day (13:00–15:00)
        Preferences nap = prefs(new Preferences.QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0)));
        assertEquals(paris("2026-11-21T15:00"), POLICY.dueAt(paris("2026-11-21T11:00"), PARIS, nap));
    }

    @Test
    void intervalsAreRealHoursAcrossDaylightSavingChanges() {
        // 2026-03-29 02:00 → 03:00 in Paris: 3 real hours after 00:30 is 04:30 on the clock — night, so 4 h: 05:30
        assertEquals(Instant.parse("2026-03-29T03:30:00Z"), POLICY.dueAt(paris("2026-03-29T00:30"), PARIS, prefs(null)));
        // 2026-10-25 03:00 → 02:00: 4 real hours after 00:30 is 03:30 on the clock
        assertEquals(Instant.parse("2026-10-25T02:30:00Z"), POLICY.dueAt(paris("2026-10-25T00:30"), PARIS, prefs(null)));
        // quiet hours ending at 02:30 on the spring-forward night: that time does not exist, the end moves to 03:30
        Preferences quiet = prefs(new Preferences.QuietHours(LocalTime.of(1, 0), LocalTime.of(2, 30)));
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"),
                ReminderPolicy.afterQuietHours(Instant.parse("2026-03-29T00:15:00Z"), PARIS, quiet.quietHours()));
    }

    @Test
    void noReminderWhenTheParentTurnedThemOff() {
        Preferences off = new Preferences(false, 180, 240, null, "en", List.of(), null);
        assertNull(POLICY.dueAt(paris("2026-11-20T09:30"), PARIS, off));
    }
}
