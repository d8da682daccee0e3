package app.supplyline.session.store;

import app.supplyline.platform.work.Backlog;
import app.supplyline.platform.work.Purge;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The session-service's background queue (the outbox, measured by Backlogs) and what it purges (Retention). */
@ApplicationScoped
class Housekeeping {

    /** Events committed and not yet on supplyline.sessions.v1. */
    @Produces
    @Unremovable
    Backlog outbox() {
        return new Backlog("outbox", "SELECT created_at FROM outbox WHERE created_at <= $1 ORDER BY position LIMIT 1");
    }

    /**
     * Stored answers of Idempotency-Keys. The app retries a queued write with its key for at most 30 days (then asks
     * the parent), so 45 days keep every retry it can make answered the same; a key reused after that is a new write.
     */
    @Produces
    @Unremovable
    Purge idempotencyKeys(@ConfigProperty(name = "supplyline.retention.idempotency-keys", defaultValue = "P45D") Duration keep) {
        return new Purge("idempotency_key", keep, """
                WITH old AS MATERIALIZED (SELECT parent_id, key FROM idempotency_key WHERE created_at < $1 LIMIT $2)
                DELETE FROM idempotency_key i USING old WHERE i.parent_id = old.parent_id AND i.key = old.key""");
    }
}
