package app.supplyline.notification.reminder;

import app.supplyline.notification.preferences.PreferencesChanged;
import app.supplyline.notification.preferences.PreferencesStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Keeps a parent's reminder due time true to their data: after every change of their removals, timezone or
 * preferences, inside that change's transaction. No reminder is due once one was sent for the current gap.
 * <p>
 * A change never makes a reminder due sooner than {@code supplyline.reminders.settle} after it: when a backlog of
 * removals arrives (the broker was down, a parent back-fills a week from paper), the scheduler would otherwise
 * remind for a gap that the next event in the same backlog closes — one reminder too many, about a gap that
 * never was. The parent is reminded once, for their last gap, when their removals have stopped arriving.
 * <p>
 * When the night interval applies is a product choice: {@code supplyline.reminders.night-start} and
 * {@code supplyline.reminders.night-end}, local times, 22:00 and 06:00 by default (see {@link ReminderPolicy}).
 */
@ApplicationScoped
public class ReminderClock implements PreferencesChanged {

    private final Pool pool;
    private final PreferencesStore preferences;
    private final Clock clock;
    private final Duration settle;
    private final ReminderPolicy policy;

    public ReminderClock(Pool pool, PreferencesStore preferences, Clock clock,
            @ConfigProperty(name = "supplyline.reminders.settle", defaultValue = "PT30S") Duration settle,
            @ConfigProperty(name = "supplyline.reminders.night-start", defaultValue = "22:00") LocalTime nightStart,
            @ConfigProperty(name = "supplyline.reminders.night-end", defaultValue = "06:00") LocalTime nightEnd) {
        this.pool = pool;
        this.preferences = preferences;
        this.clock = clock;
        this.settle = settle;
        this.policy = new ReminderPolicy(nightStart, nightEnd);
    }

    /** Where a parent's reminder stands: their last removal's end, when the next reminder is due, whether sent. */
    public record NextReminder(OffsetDateTime lastRemovalEndedAt, OffsetDateTime dueAt, boolean remindedForLastRemoval) {
    }

    public Uni<NextReminder> next(String parentId) {
        return pool.preparedQuery("""
                        SELECT last_removal_end, due_at,
                               reminded_for IS NOT NULL AND reminded_for >= last_removal_end
                          FROM parent_clock WHERE parent_id = $1""")
                .execute(Tuple.of(parentId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new NextReminder(null, null, false);
                    }
                    Row r = rows.iterator().next();
                    return new NextReminder(r.getOffsetDateTime(0), r.getOffsetDateTime(1),
                            Boolean.TRUE.equals(r.getBoolean(2)));
                });
    }

    /** After a preference change: only users who have a reminder clock (parents who logged something). */
    @Override
    public Uni<Void> changed(SqlConnection c, String userId) {
        return c.preparedQuery("SELECT 1 FROM parent_clock WHERE parent_id = $1").execute(Tuple.of(userId))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem() : recompute(c, userId));
    }

    public Uni<Void> recompute(SqlConnection c, String parentId) {
        return c.preparedQuery("""
                        INSERT INTO parent_clock (parent_id) VALUES ($1) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(parentId))
                .chain(() -> c.preparedQuery("""
                                SELECT p.timezone, p.reminded_for,
                                       (SELECT max(ended_at) FROM removal r WHERE r.parent_id = p.parent_id AND NOT r.deleted)
                                  FROM parent_clock p WHERE p.parent_id = $1 FOR UPDATE""")
                        .execute(Tuple.of(parentId)))
                .chain(rows -> {
                    var row = rows.iterator().next();
                    ZoneId zone = ZoneId.of(row.getString(0));
                    OffsetDateTime remindedFor = row.getOffsetDateTime(1);
                    OffsetDateTime lastEnd = row.getOffsetDateTime(2);
                    return preferences.of(c, parentId).chain(p -> {
                        Instant due = lastEnd == null
                                || (remindedFor != null && !remindedFor.isBefore(lastEnd)) ? null
                                : policy.dueAt(lastEnd.toInstant(), zone, p);
                        Instant settled = clock.instant().plus(settle);
                        if (due != null && due.isBefore(settled)) {
                            due = settled;
                        }
                        return c.preparedQuery("UPDATE parent_clock SET last_removal_end = $2, due_at = $3 WHERE parent_id = $1")
                                .execute(Tuple.tuple(Arrays.asList(parentId, lastEnd,
                                        due == null ? null : due.atOffset(ZoneOffset.UTC))))
                                .replaceWithVoid();
                    });
                });
    }
}
