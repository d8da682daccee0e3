package app.supplyline.notification.reminder;

import app.supplyline.notification.inbox.Kind;
import app.supplyline.notification.inbox.Messages;
import app.supplyline.notification.inbox.Notifier;
import app.supplyline.notification.preferences.PreferencesStore;
import app.supplyline.notification.push.PushDispatcher;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the reminders that are due: each tick claims due parents with {@code FOR UPDATE SKIP LOCKED} (so two
 * instances never send the same reminder), sends one REMINDER per gap (the dedupe key is the end of the last
 * removal) and clears the due time. After downtime each parent gets at most one reminder, not a backlog. A parent
 * whose quiet hours began since the due time was computed is moved to their end.
 */
@ApplicationScoped
public class ReminderScheduler {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class);

    private final Pool pool;
    private final Notifier notifier;
    private final PreferencesStore preferences;
    private final PushDispatcher pushes;
    private final Clock clock;

    public ReminderScheduler(Pool pool, Notifier notifier, PreferencesStore preferences, PushDispatcher pushes,
            Clock clock) {
        this.pool = pool;
        this.notifier = notifier;
        this.preferences = preferences;
        this.pushes = pushes;
        this.clock = clock;
    }

    @Scheduled(every = "${supplyline.reminders.tick:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sendAllDue().onFailure().invoke(e -> LOG.warnf("Reminder tick failed (next tick retries): %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Passes until nothing is due; returns how many reminders were sent. */
    public Uni<Integer> sendAllDue() {
        return sendDue().chain(sent -> sent.claimed() == BATCH
                ? sendAllDue().map(more -> sent.sent() + more) : Uni.createFrom().item(sent.sent()));
    }

    public record Pass(int claimed, int sent) {
    }

    /** One transaction over up to {@link #BATCH} due parents. */
    public Uni<Pass> sendDue() {
        Instant now = clock.instant();
        return pool.withTransaction(c -> c.preparedQuery("""
                                SELECT parent_id, timezone, last_removal_end FROM parent_clock
                                 WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED""")
                        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), BATCH))
                        .chain(rows -> {
                            List<Row> due = new ArrayList<>();
                            rows.forEach(due::add);
                            Uni<Integer> chain = Uni.createFrom().item(0);
                            for (Row r : due) {
                                chain = chain.chain(sent -> remind(c, r, now).map(s -> sent + s));
                            }
                            return chain.map(sent -> new Pass(due.size(), sent));
                        }))
                .invoke(pass -> {
                    if (pass.sent() > 0) {
                        pushes.nudge();
                    }
                });
    }

    private Uni<Integer> remind(SqlConnection c, Row r, Instant now) {
        String parentId = r.getString(0);
        ZoneId zone = ZoneId.of(r.getString(1));
        Instant lastEnd = r.getOffsetDateTime(2).toInstant();
        return preferences.of(c, parentId).chain(p -> {
            if (!p.remindersEnabled()) {
                return clear(c, parentId, null).replaceWith(0);
            }
            Instant allowed = ReminderPolicy.afterQuietHours(now, zone, p.quietHours());
            if (allowed.isAfter(now)) {
                return c.preparedQuery("UPDATE parent_clock SET due_at = $2 WHERE parent_id = $1")
                        .execute(Tuple.of(parentId, allowed.atOffset(ZoneOffset.UTC))).replaceWith(0);
            }
            JsonObject data = new JsonObject().put("lastRemovalEndedAt", lastEnd.toString());
            return notifier.send(c, parentId, Kind.REMINDER, locale -> Messages.text(Kind.REMINDER, locale), data,
                            "REMINDER:" + parentId + ":" + lastEnd, now)
                    .chain(sent -> clear(c, parentId, lastEnd).replaceWith(sent.isPresent() ? 1 : 0));
        });
    }

    private static Uni<Void> clear(SqlConnection c, String parentId, Instant remindedFor) {
        return c.preparedQuery("UPDATE parent_clock SET due_at = NULL, reminded_for = coalesce($2, reminded_for) WHERE parent_id = $1")
                .execute(Tuple.tuple(java.util.Arrays.asList(parentId,
                        remindedFor == null ? null : remindedFor.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
