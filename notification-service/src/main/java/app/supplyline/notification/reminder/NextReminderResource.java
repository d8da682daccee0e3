package app.supplyline.notification.reminder;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.OffsetDateTime;

/**
 * When the parent's next reminder is due, as the Today screen shows it: the end of the last removal this service
 * knows, the due time (null when none is due: reminders are off, or one was sent for the current gap), and whether
 * one was sent for the current gap. A parent who never logged anything gets all nulls.
 */
@Path("/api/reminders/next")
@RolesAllowed("parent")
@Produces(MediaType.APPLICATION_JSON)
public class NextReminderResource {

    private final Pool pool;
    private final SecurityIdentity identity;

    public NextReminderResource(Pool pool, SecurityIdentity identity) {
        this.pool = pool;
        this.identity = identity;
    }

    public record NextReminder(OffsetDateTime lastRemovalEndedAt, OffsetDateTime dueAt, boolean remindedForLastRemoval) {
    }

    @GET
    public Uni<NextReminder> next() {
        return pool.preparedQuery("""
                        SELECT last_removal_end, due_at,
                               reminded_for IS NOT NULL AND reminded_for >= last_removal_end
                          FROM parent_clock WHERE parent_id = $1""")
                .execute(Tuple.of(identity.getPrincipal().getName()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new NextReminder(null, null, false);
                    }
                    Row r = rows.iterator().next();
                    return new NextReminder(r.getOffsetDateTime(0), r.getOffsetDateTime(1), Boolean.TRUE.equals(r.getBoolean(2)));
                });
    }
}
