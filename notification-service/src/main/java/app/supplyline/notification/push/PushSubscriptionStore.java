package app.supplyline.notification.push;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The users' push subscriptions. */
@ApplicationScoped
public class PushSubscriptionStore {

    private final Pool pool;

    public PushSubscriptionStore(Pool pool) {
        this.pool = pool;
    }

    public record Subscription(UUID id, String userId, String endpoint, String p256dh, String auth, String label,
            Instant createdAt) {
    }

    public enum Outcome { CREATED, UPDATED, TOO_MANY }

    public record Saved(Outcome outcome, Subscription subscription) {
    }

    /**
     * Adds the subscription, or refreshes the keys of the user's subscription with the same endpoint (a browser
     * subscribing again), unless the user already has {@code max}. One transaction, the user's rows locked, so two
     * concurrent subscribes cannot pass the limit together.
     */
    public Uni<Saved> save(String userId, String endpoint, String p256dh, String auth, String label, int max,
            Instant now) {
        return pool.withTransaction(c -> c.preparedQuery(
                                "SELECT id, endpoint FROM push_subscription WHERE user_id = $1 FOR UPDATE")
                        .execute(Tuple.of(userId))
                        .chain(rows -> {
                            UUID existing = null;
                            for (Row r : rows) {
                                if (r.getString(1).equals(endpoint)) {
                                    existing = r.getUUID(0);
                                }
                            }
                            if (existing != null) {
                                UUID id = existing;
                                return c.preparedQuery("""
                                                UPDATE push_subscription SET p256dh = $2, auth = $3, label = $4 WHERE id = $1
                                                RETURNING created_at""")
                                        .execute(Tuple.of(id, p256dh, auth, label))
                                        .map(r -> new Saved(Outcome.UPDATED, new Subscription(id, userId, endpoint, p256dh,
                                                auth, label, r.iterator().next().getOffsetDateTime(0).toInstant())));
                            }
                            if (rows.size() >= max) {
                                return Uni.createFrom().item(new Saved(Outcome.TOO_MANY, null));
                            }
                            UUID id = UUID.randomUUID();
                            return c.preparedQuery("""
                                            INSERT INTO push_subscription (id, user_id, endpoint, p256dh, auth, label, created_at)
                                            VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                                    .execute(Tuple.tuple(Arrays.asList(id, userId, endpoint, p256dh, auth, label,
                                            now.atOffset(ZoneOffset.UTC))))
                                    .map(r -> new Saved(Outcome.CREATED,
                                            new Subscription(id, userId, endpoint, p256dh, auth, label, now)));
                        }));
    }

    public Uni<List<Subscription>> of(String userId) {
        return pool.preparedQuery("""
                        SELECT id, user_id, endpoint, p256dh, auth, label, created_at FROM push_subscription
                         WHERE user_id = $1 ORDER BY created_at, id""")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    List<Subscription> all = new ArrayList<>();
                    rows.forEach(r -> all.add(new Subscription(r.getUUID(0), r.getString(1), r.getString(2),
                            r.getString(3), r.getString(4), r.getString(5), r.getOffsetDateTime(6).toInstant())));
                    return all;
                });
    }

    /** Deletes the user's subscription; false when they have none with this id. */
    public Uni<Boolean> delete(String userId, UUID id) {
        return pool.preparedQuery("DELETE FROM push_subscription WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(id, userId))
                .map(rows -> rows.rowCount() == 1);
    }
}
