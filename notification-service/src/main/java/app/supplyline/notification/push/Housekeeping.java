package app.supplyline.notification.push;

import app.supplyline.platform.work.Backlog;
import app.supplyline.platform.work.Purge;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The notification-service's background queues (measured by Backlogs) and what it purges (Retention). Delivered
 * pushes are deleted as soon as the push service accepted them; failed ones are kept a while for support.
 */
@ApplicationScoped
class Housekeeping {

    /** Parents whose reminder is due and not yet sent. */
    @Produces
    @Unremovable
    Backlog reminders() {
        return new Backlog("reminders", "SELECT min(due_at) FROM parent_clock WHERE due_at <= $1");
    }

    /** Pushes due (first attempt, retry or a crashed sender's lease ended) and not yet sent. */
    @Produces
    @Unremovable
    Backlog pushes() {
        return new Backlog("pushes",
                "SELECT min(next_attempt_at) FROM push_delivery WHERE state = 'PENDING' AND next_attempt_at <= $1");
    }

    @Produces
    @Unremovable
    Purge failedPushes(@ConfigProperty(name = "supplyline.retention.failed-pushes", defaultValue = "P30D") Duration keep) {
        return new Purge("push_delivery (failed)", keep, """
                WITH old AS MATERIALIZED (SELECT id FROM push_delivery
                                           WHERE state = 'FAILED' AND next_attempt_at < $1 LIMIT $2)
                DELETE FROM push_delivery d USING old WHERE d.id = old.id""");
    }

    /** Redelivered events are also harmless without their id: notifications have dedupe keys, removals versions. */
    @Produces
    @Unremovable
    Purge processedEvents(@ConfigProperty(name = "supplyline.retention.processed-events", defaultValue = "P7D") Duration keep) {
        return Purge.processedEvents(keep);
    }
}
