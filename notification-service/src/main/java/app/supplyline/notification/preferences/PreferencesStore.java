package app.supplyline.notification.preferences;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Preferences by user; a user without a row has {@link Preferences#DEFAULTS}. A user who never set a timezone has
 * their profile's, when they are a parent with one.
 */
@ApplicationScoped
public class PreferencesStore {

    private final Pool pool;

    public PreferencesStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Preferences> of(SqlClient c, String userId) {
        return of(c, List.of(userId)).map(all -> all.get(userId));
    }

    /** Everyone's preferences, the defaults for users without a row. */
    public Uni<Map<String, Preferences>> of(SqlClient c, List<String> userIds) {
        return c.preparedQuery("""
                        SELECT p.reminders_enabled, p.reminder_interval_minutes, p.night_interval_minutes, p.quiet_start,
                               p.quiet_end, p.locale, p.channels, p.user_id, COALESCE(p.timezone, c.timezone)
                          FROM preferences p
                          LEFT JOIN parent_clock c ON c.parent_id = p.user_id AND c.profile_version > 0
                         WHERE p.user_id = ANY($1)""")
                .execute(Tuple.of((Object) userIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Preferences> all = new HashMap<>();
                    userIds.forEach(u -> all.put(u, Preferences.DEFAULTS));
                    rows.forEach(r -> all.put(r.getString(7), preferences(r)));
                    return all;
                });
    }

    public Uni<Preferences> of(String userId) {
        return of(pool, userId);
    }

    /** Saves the user's preferences in the caller's transaction. */
    public Uni<Void> save(SqlConnection c, String userId, Preferences p, Instant now) {
        return c.preparedQuery("""
                        INSERT INTO preferences (user_id, reminders_enabled, reminder_interval_minutes,
                            night_interval_minutes, quiet_start, quiet_end, locale, channels, updated_at, timezone)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        ON CONFLICT (user_id) DO UPDATE SET reminders_enabled = EXCLUDED.reminders_enabled,
                            reminder_interval_minutes = EXCLUDED.reminder_interval_minutes,
                            night_interval_minutes = EXCLUDED.night_interval_minutes, quiet_start = EXCLUDED.quiet_start,
                            quiet_end = EXCLUDED.quiet_end, locale = EXCLUDED.locale, channels = EXCLUDED.channels,
                            updated_at = EXCLUDED.updated_at, timezone = EXCLUDED.timezone""")
                .execute(Tuple.tuple(Arrays.asList(userId, p.remindersEnabled(), p.reminderIntervalMinutes(),
                        p.nightIntervalMinutes(), p.quietHours() == null ? null : p.quietHours().start(),
                        p.quietHours() == null ? null : p.quietHours().end(), p.locale(),
                        p.channels().stream().map(Enum::name).toArray(String[]::new), now.atOffset(ZoneOffset.UTC), p.timezone())))
                .replaceWithVoid();
    }

    private static Preferences preferences(Row r) {
        Preferences.QuietHours quiet = r.getLocalTime(3) == null ? null
                : new Preferences.QuietHours(r.getLocalTime(3), r.getLocalTime(4));
        List<Preferences.Channel> channels = Arrays.stream(r.getArrayOfStrings(6)).map(Preferences.Channel::valueOf).toList();
        return new Preferences(r.getBoolean(0), r.getInteger(1), r.getInteger(2), quiet, r.getString(5), channels,
                r.getString(8));
    }
}
