package app.supplyline.notification.reminder;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * When the parent's next reminder is due, as the Today screen shows it: the end of the last removal this service
 * knows, the due time (null when none is due: reminders are off, or one was sent for the current gap), and whether
 * one was sent for the current gap. A parent who never logged anything gets all nulls.
 */
@Path("/api/reminders/next")
@RolesAllowed("parent")
@Produces(MediaType.APPLICATION_JSON)
public class NextReminderResource {

    private final ReminderClock reminders;
    private final SecurityIdentity identity;

    public NextReminderResource(ReminderClock reminders, SecurityIdentity identity) {
        this.reminders = reminders;
        this.identity = identity;
    }

    @GET
    public Uni<ReminderClock.NextReminder> next() {
        return reminders.next(identity.getPrincipal().getName());
    }
}
