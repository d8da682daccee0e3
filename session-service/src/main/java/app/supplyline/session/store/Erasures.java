package app.supplyline.session.store;

import app.supplyline.platform.problem.Erased;
import app.supplyline.session.journal.JournalEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Erasing a parent on the session-service's side (ADR-010), in one transaction under the stream lock: the
 * ParentErased event goes on the journal (and its outbox), and everything readable of the parent goes — sessions
 * with their notes, idempotency answers, profile, check-ins, unpublished outbox rows, the data key. The journal's
 * earlier events stay, their personal fields sealed under a key nobody has any more. The {@code erasure} row keeps
 * the fact (the id only) and the steps that follow the commit: the key's tombstone, the Keycloak user.
 */
@ApplicationScoped
public class Erasures {

    private final Pool pool;
    private final JournalStore journal;
    private final ParentKeys keys;

    public Erasures(Pool pool, JournalStore journal, ParentKeys keys) {
        this.pool = pool;
        this.journal = journal;
        this.keys = keys;
    }

    /**
     * Erases the parent; erasing an erased parent again changes nothing (also when two erasures race: the second
     * finds the stream closed).
     */
    public Uni<Void> erase(String parentId, Instant now) {
        // an erased stream refuses the lock itself (SQLSTATE SLERA): a repeat finds it closed
        return journal.locked(parentId, (c, version) -> c.preparedQuery("SELECT 1 FROM erasure WHERE parent_id = $1")
                        .execute(Tuple.of(parentId))
                        .chain(done -> done.size() > 0 ? Uni.createFrom().voidItem() : c.preparedQuery("""
                                        DELETE FROM outbox WHERE event_id IN
                                            (SELECT event_id FROM journal_event WHERE parent_id = $1)""")
                                .execute(Tuple.of(parentId))
                                .chain(() -> journal.append(c, parentId, version,
                                        List.of(new JournalEvent.ParentErased()), now))
                                .chain(() -> c.preparedQuery(FORGET)
                                        .execute(Tuple.of(parentId, JournalStore.utc(now))))
                                .replaceWithVoid()))
                .onFailure(Erased::isCause).recoverWithNull()
                .invoke(() -> keys.forget(parentId));
    }

    static final String FORGET = JournalStore.oneLine("""
            WITH s AS (DELETE FROM session WHERE parent_id = $1),
            i AS (DELETE FROM idempotency_key WHERE parent_id = $1),
            p AS (DELETE FROM profile WHERE parent_id = $1),
            c AS (DELETE FROM check_in WHERE parent_id = $1),
            k AS (DELETE FROM data_key WHERE parent_id = $1)
            INSERT INTO erasure (parent_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING""");

    /**
     * Erasures whose tombstone or Keycloak deletion is still to do, least recently tried first; taking them marks
     * them tried, so that one that keeps failing does not hold the others back.
     */
    public Uni<List<Pending>> pending(int limit) {
        return pool.preparedQuery("""
                        WITH due AS (
                            SELECT parent_id FROM erasure
                             WHERE key_tombstoned_at IS NULL OR identity_deleted_at IS NULL
                             ORDER BY coalesce(attempted_at, erased_at) LIMIT $1)
                        UPDATE erasure e SET attempted_at = now() FROM due WHERE e.parent_id = due.parent_id
                        RETURNING e.parent_id, e.key_tombstoned_at IS NOT NULL AS tombstoned,
                                  e.identity_deleted_at IS NOT NULL AS identity_deleted""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    rows.forEach(r -> pending.add(new Pending(r.getString("parent_id"), r.getBoolean("tombstoned"),
                            r.getBoolean("identity_deleted"))));
                    return pending;
                });
    }

    public record Pending(String parentId, boolean tombstoned, boolean identityDeleted) {
    }

    /**
     * Writes the key's tombstone and records it; a key row made again by a write that raced the erasure (never
     * published: the relay skips erased parents) goes too.
     */
    public Uni<Void> tombstone(String parentId) {
        return keys.tombstone(parentId)
                .chain(() -> pool.preparedQuery("""
                                WITH k AS (DELETE FROM data_key WHERE parent_id = $1)
                                UPDATE erasure SET key_tombstoned_at = now() WHERE parent_id = $1""")
                        .execute(Tuple.of(parentId)))
                .replaceWithVoid();
    }

    public Uni<Void> identityDeleted(String parentId) {
        return pool.preparedQuery("UPDATE erasure SET identity_deleted_at = now() WHERE parent_id = $1")
                .execute(Tuple.of(parentId)).replaceWithVoid();
    }
}
