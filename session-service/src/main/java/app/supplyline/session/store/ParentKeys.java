package app.supplyline.session.store;

import app.supplyline.platform.keys.KeyTopic;
import app.supplyline.platform.keys.Sealing;
import app.supplyline.platform.problem.Erased;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
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

    private final KeyTopic topic;
    private final MutinyEmitter<Record<String, String>> emitter;
    private final Cache<String, SecretKey> cache = Caffeine.newBuilder().maximumSize(100_000).build();

    public ParentKeys(KeyTopic topic, @Channel(CHANNEL) MutinyEmitter<Record<String, String>> emitter) {
        this.topic = topic;
        this.emitter = emitter;
    }

    /**
     * The parent's data key, created on first use through {@code c} (the caller's transaction, if any: a key made
     * in a transaction that rolls back is gone with it, so a new key is cached only once it is read back).
     *
     * @throws Erased.Parent when the parent was erased (404 at the boundary)
     */
    public Uni<SecretKey> of(SqlClient c, String parentId) {
        SecretKey known = cache.getIfPresent(parentId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        String created = topic.wrap(parentId, Sealing.newKey());
        return read(c, parentId, created)
                // a key another write made at the same moment: read again, with a fresh snapshot
                .chain(found -> found != null ? Uni.createFrom().item(found) : read(c, parentId, created))
                .map(found -> {
                    if (found == null) {
                        throw new Erased.Parent(parentId);
                    }
                    return found;
                });
    }

    /**
     * The existing key (read without a lock: the relay holds the row while Kafka acknowledges it, and writing must
     * not wait for Kafka), else this new one unless the parent was erased; null when neither (a key made meanwhile
     * by another write, or an erased parent).
     */
    private Uni<SecretKey> read(SqlClient c, String parentId, String created) {
        return c.preparedQuery("""
                        WITH existing AS (SELECT wrapped FROM data_key WHERE parent_id = $1),
                        made AS (
                            INSERT INTO data_key (parent_id, wrapped, created_at)
                            SELECT $1, $2, now() WHERE NOT EXISTS (SELECT 1 FROM existing)
                               AND NOT EXISTS (SELECT 1 FROM erasure WHERE parent_id = $1)
                            ON CONFLICT (parent_id) DO NOTHING RETURNING wrapped)
                        SELECT wrapped, false AS made FROM existing UNION ALL SELECT wrapped, true FROM made""")
                .execute(Tuple.of(parentId, created))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    SecretKey key = topic.unwrap(parentId, row.getString("wrapped"));
                    if (!row.getBoolean("made")) {
                        cache.put(parentId, key); // committed: made by a write before
                    }
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
        // locked until the relay's transaction ends, after Kafka acknowledged the keys: an erasure (which deletes
        // the row) waits, so its tombstone can only follow the key on the topic; an erased parent's key is never sent
        return c.preparedQuery("""
                        SELECT parent_id, wrapped FROM data_key d
                         WHERE parent_id = ANY($1) AND published_at IS NULL
                           AND NOT EXISTS (SELECT 1 FROM erasure e WHERE e.parent_id = d.parent_id)
                           FOR UPDATE""")
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
