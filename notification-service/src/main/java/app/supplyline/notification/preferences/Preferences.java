package app.supplyline.notification.preferences;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A user's notification preferences. {@code timezone} is where the user lives (an IANA zone id, set by the app from
 * the browser), for the quiet hours; null until set, when a parent's profile timezone (or UTC) stands in.
 */
public record Preferences(boolean remindersEnabled, int reminderIntervalMinutes, int nightIntervalMinutes,
        QuietHours quietHours, String locale, List<Channel> channels, String timezone) {

    public enum Channel { WEB_PUSH, INBOX }

    /** The languages a user may choose: the service writes English and French. */
    public static final String LANGUAGE_CODES = "en|fr";
    public static final List<String> LANGUAGES = List.of(LANGUAGE_CODES.split("\\|"));

    public static boolean supported(String locale) {
        return LANGUAGES.contains(locale);
    }

    /** Local times; the window may cross midnight (22:30 to 06:00). */
    public record QuietHours(LocalTime start, LocalTime end) {

        /** {@code at}, or the end of these quiet hours when {@code at} falls in them, in {@code zone}. */
        public Instant endAfter(Instant at, ZoneId zone) {
            ZonedDateTime local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            if (!within(time, start, end)) {
                return at;
            }
            // the end is today when it is still ahead, else tomorrow (a window across midnight, entered in the evening)
            LocalDate endDate = time.isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
            // ZonedDateTime.of moves a time that a DST jump skips forward, so the end always exists
            return ZonedDateTime.of(endDate, end, zone).toInstant();
        }

        /** Whether {@code t} is in [start, end), a window that may cross midnight. */
        public static boolean within(LocalTime t, LocalTime start, LocalTime end) {
            return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        }
    }

    /** The defaults (DOMAIN.md): reminders every 180 min by day, 240 at night, English, push and inbox. */
    public static final Preferences DEFAULTS = new Preferences(true, 180, 240, null, "en",
            List.of(Channel.WEB_PUSH, Channel.INBOX), null);

    /** Where the user lives: their timezone, else UTC. */
    public ZoneId zone() {
        return timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
    }
}
