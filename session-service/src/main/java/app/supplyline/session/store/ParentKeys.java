package app.supplyline.session.store;

import app.supplyline.platform.keys.KeyTopic;
import app.supplyline.platform.keys.Sealing;
import app.supplyline.platform.problem.ProblemException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import javax.crypto.SecretKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The parents' data keys on the session-service's side: created with the parent's first event (every parent has
 * one, so that a consumer can take a missing key for an erasure), kept in {@code data_key} sealed under the
 * key-encryption key, and published on {@link KeyTopic#TOPIC} by the outbox relay before any event of the parent.
 * Writing needs PostgreSQL only, as before. An erased parent gets no key again: nothing of theirs is written.
 */
@ApplicationScoped
public class ParentKeys {

    /** The outgoing channel, bound to the keys topic in application.properties. */
    public static final String CHANNEL = "data-keys";

    private final Pool pool;
    private final KeyTopic topic;
    private final MutinyEmitter<Record<String, String>> emitter;
    private final Cache<String, SecretKey> cache = Caffeine.newBuilder().maximumSize(100_000).build();

    public ParentKeys(Pool pool, KeyTopic topic, @Channel(CHANNEL) MutinyEmitter<Record<String, String>> emitter) {
        this.pool = pool;
        this.topic = topic;
        this.emitter = emitter;
    }

    /**
     * The parent's data key, created on first use.
     *
     * @throws ProblemException 404 when the parent was erased
     */
    public Uni<SecretKey> of(String parentId) {
        SecretKey known = cache.getIfPresent(parentId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        String created = topic.wrap(parentId, Sealing.newKey());
        // one statement: the existing key, or this new one unless the parent was erased
        return pool.preparedQuery("""
                        WITH erased AS (SELECT 1 FROM erasure WHERE parent_id = $1),
                        created AS (
                            INSERT INTO data_key (parent_id, wrapped, created_at)
                            SELECT $1, $2, now() WHERE NOT EXISTS (SELECT 1 FROM erased)
                            ON CONFLICT (parent_id) DO NOTHING RETURNING wrapped)
                        SELECT wrapped FROM created
                        UNION ALL SELECT wrapped FROM data_key WHERE parent_id = $1""")
                .execute(Tuple.of(parentId, created))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ProblemException(404, "Not found", "This account was deleted.", java.util.List.of());
                    }
                    SecretKey key = topic.unwrap(parentId, rows.iterator().next().getString("wrapped"));
                    cache.put(parentId, key);
                    return key;
                });
    }

    /** Forgets the parent's key here (the row goes in the erasure's transaction). */
    void forget(String parentId) {
        cache.invalidate(parentId);
    }

    /**
     * Publishes the keys of these parents not published yet, each acknowledged by Kafka before the row is marked;
     * the relay calls it before it sends the parents' events.
     */
    Uni<Void> publishPending(SqlClient c, List<String> parentIds) {
        return c.preparedQuery("SELECT parent_id, wrapped FROM data_key WHERE parent_id = ANY($1) AND published_at IS NULL")
                .execute(Tuple.of(parentIds.toArray(new String[0])))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    List<String> sent = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    rows.forEach(r -> {
                        sent.add(r.getString("parent_id"));
                        sends.add(emitter.send(Record.of(r.getString("parent_id"), r.getString("wrapped"))));
                    });
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> c.preparedQuery("UPDATE data_key SET published_at = now() WHERE parent_id = ANY($1)")
                                    .execute(Tuple.of(sent.toArray(new String[0]))))
                            .replaceWithVoid();
                });
    }

    /** A tombstone for the parent's key: after it, no consumer can open anything sealed under it. */
    Uni<Void> tombstone(String parentId) {
        return emitter.send(Record.of(parentId, null));
    }
}
