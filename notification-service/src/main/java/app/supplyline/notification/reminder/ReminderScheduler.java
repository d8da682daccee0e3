package app.supplyline.notification.reminder;

import app.supplyline.notification.inbox.Kind;
import app.supplyline.notification.inbox.Messages;
import app.supplyline.notification.inbox.Notifier;
import app.supplyline.notification.preferences.Preferences;
import app.supplyline.notification.preferences.PreferencesStore;
import app.supplyline.notification.push.PushDispatcher;
import app.supplyline.platform.work.BackgroundTransactions;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends the reminders that are due: each pass claims up to {@link #BATCH} due parents with
 * {@code FOR UPDATE SKIP LOCKED} (so two instances never send the same reminder) and, set-based in one transaction,
 * sends one REMINDER per gap (the dedupe key is the end of the last removal) and clears their due times. After
 * downtime each parent gets at most one reminder, not a backlog. A parent whose quiet hours began since the due
 * time was computed is moved to their end; one who turned reminders off is cleared.
 */
@ApplicationScoped
public class ReminderScheduler {

    static final int BATCH = 500;
    /** The oldest due parents, read in due order through {@code parent_clock_due} and locked (ClaimPlanTest). */
    static final String CLAIM = """
            SELECT parent_id, timezone, last_removal_end FROM parent_clock
             WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED""";
    private static final Logger LOG = Logger.getLogger(ReminderScheduler.class);

    private final BackgroundTransactions transactions;
    private final Notifier notifier;
    private final PreferencesStore preferences;
    private final PushDispatcher pushes;
    private final Clock clock;

    public ReminderScheduler(BackgroundTransactions transactions, Notifier notifier, PreferencesStore preferences, PushDispatcher pushes,
            Clock clock) {
        this.transactions = transactions;
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
        return sendDue().chain(pass -> pass.claimed() == BATCH
                ? sendAllDue().map(more -> pass.sent() + more) : Uni.createFrom().item(pass.sent()));
    }

    public record Pass(int claimed, int sent) {
    }

    /** One transaction over up to {@link #BATCH} due parents. */
    public Uni<Pass> sendDue() {
        Instant now = clock.instant();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return transactions.run(c -> c.preparedQuery(CLAIM)
                        .execute(Tuple.of(at, BATCH))
                        .chain(rows -> {
                            List<Row> due = new ArrayList<>();
                            rows.forEach(due::add);
                            if (due.isEmpty()) {
                                return Uni.createFrom().item(new Pass(0, 0));
                            }
                            return preferences.of(c, due.stream().map(r -> r.getString(0)).toList())
                                    .chain(prefs -> remind(c, due, prefs, now))
                                    .map(sent -> new Pass(due.size(), sent));
                        }))
                .invoke(pass -> {
                    if (pass.sent() > 0) {
                        pushes.nudge();
                    }
                });
    }

    private Uni<Integer> remind(SqlConnection c, List<Row> due, Map<String, Preferences> prefs, Instant now) {
        List<Notifier.Outgoing> outgoing = new ArrayList<>();
        List<Tuple> reminded = new ArrayList<>();
        List<Tuple> deferred = new ArrayList<>();
        List<Tuple> off = new ArrayList<>();
        for (Row r : due) {
            String parentId = r.getString(0);
            Preferences p = prefs.get(parentId);
            Instant lastEnd = r.getOffsetDateTime(2).toInstant();
            if (!p.remindersEnabled()) {
                off.add(Tuple.of(parentId));
                continue;
            }
            Instant allowed = ReminderPolicy.afterQuietHours(now, ZoneId.of(r.getString(1)), p.quietHours());
            if (allowed.isAfter(now)) {
                deferred.add(Tuple.of(parentId, allowed.atOffset(ZoneOffset.UTC)));
                continue;
            }
            outgoing.add(new Notifier.Outgoing(parentId, Kind.REMINDER, Messages::reminder,
                    new JsonObject().put("lastRemovalEndedAt", lastEnd.toString()), "REMINDER:" + parentId + ":" + lastEnd));
            reminded.add(Tuple.of(parentId, r.getOffsetDateTime(2)));
        }
        Uni<Void> updates = Uni.createFrom().voidItem();
        if (!off.isEmpty()) {
            updates = updates.chain(() -> c.preparedQuery("UPDATE parent_clock SET due_at = NULL WHERE parent_id = $1")
                    .executeBatch(off)).replaceWithVoid();
        }
        if (!deferred.isEmpty()) {
            updates = updates.chain(() -> c.preparedQuery("UPDATE parent_clock SET due_at = $2 WHERE parent_id = $1")
                    .executeBatch(deferred)).replaceWithVoid();
        }
        if (!reminded.isEmpty()) {
            updates = updates.chain(() -> c.preparedQuery(
                    "UPDATE parent_clock SET due_at = NULL, reminded_for = $2 WHERE parent_id = $1").executeBatch(reminded))
                    .replaceWithVoid();
        }
        return updates.chain(() -> notifier.sendAll(c, outgoing, now));
    }
}
