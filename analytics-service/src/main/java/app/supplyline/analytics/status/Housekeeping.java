package app.supplyline.analytics.status;

import app.supplyline.platform.work.Backlog;
import app.supplyline.platform.work.Purge;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** The analytics-service's background queues (measured by Backlogs) and what it purges (Retention). */
@ApplicationScoped
class Housekeeping {

    /** Parents whose status is due for evaluation and not yet evaluated. */
    @Produces
    @Unremovable
    Backlog statusEvaluation() {
        return new Backlog("status-evaluation", "SELECT min(due_at) FROM status_due WHERE due_at <= $1");
    }

    /** Status changes written and not yet on supplyline.alerts.v1. */
    @Produces
    @Unremovable
    Backlog alertOutbox() {
        return new Backlog("alert-outbox", "SELECT occurred_at FROM alert_outbox WHERE occurred_at <= $1 ORDER BY position LIMIT 1");
    }

    /**
     * Ids of applied events: a redelivery comes within the consumer's uncommitted window, and the projections are
     * version-guarded besides (an old event applied again changes nothing); a rebuild truncates them anyway.
     */
    @Produces
    @Unremovable
    Purge processedEvents(@ConfigProperty(name = "supplyline.retention.processed-events", defaultValue = "P7D") Duration keep) {
        return Purge.processedEvents(keep);
    }
}
