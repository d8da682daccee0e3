package app.supplyline.notification.preferences;

import java.time.LocalTime;
import java.util.List;

/** A user's notification preferences. */
public record Preferences(boolean remindersEnabled, int reminderIntervalMinutes, int nightIntervalMinutes,
        QuietHours quietHours, String locale, List<Channel> channels) {

    public enum Channel { WEB_PUSH, INBOX }

    /** Local times; the window may cross midnight (22:30 to 06:00). */
    public record QuietHours(LocalTime start, LocalTime end) {
    }

    /** The defaults (DOMAIN.md): reminders every 180 min by day, 240 at night, English, push and inbox. */
    public static final Preferences DEFAULTS = new Preferences(true, 180, 240, null, "en",
            List.of(Channel.WEB_PUSH, Channel.INBOX));
}
