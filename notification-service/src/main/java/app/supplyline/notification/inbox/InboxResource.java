package app.supplyline.notification.inbox;

import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.QueryParams;
import app.supplyline.platform.rest.Cursor;
import app.supplyline.platform.rest.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The user's own inbox (parents and clinicians): everything Supplyline sent them, newest first. A clinician's
 * notification about a parent is "opened" the first time this API returns it: the parent's access log shows it
 * (ADR-010).
 */
@Path("/api/notifications")
@RolesAllowed({"parent", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    private final InboxStore inbox;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final AccessOutboxRelay access;

    public InboxResource(InboxStore inbox, SecurityIdentity identity, Clock clock, AccessOutboxRelay access) {
        this.inbox = inbox;
        this.access = access;
        this.identity = identity;
        this.clock = clock;
    }

    public record NotificationView(UUID id, Kind kind, String title, String body, Instant createdAt, Instant readAt,
            Map<String, Object> data) {
    }

    @GET
    public Uni<Page<NotificationView>> list(@QueryParam("unread") String unread, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        boolean unreadOnly = bool("unread", unread);
        int size = QueryParams.limit(limit);
        Before before = cursor == null ? null
                : Cursor.decode(cursor, 2, key -> new Before(Instant.parse(key.get(0)), UUID.fromString(key.get(1))));
        String userId = identity.getPrincipal().getName();
        return inbox.page(userId, unreadOnly, before == null ? null : before.createdAt(),
                before == null ? null : before.id(), size + 1).chain(found -> {
            Page<NotificationView> answer = Page.of(found, size, n -> new NotificationView(n.id(), n.kind(), n.title(),
                    n.body(), n.createdAt(), n.readAt(), n.data() == null ? Map.of() : n.data().getMap()),
                    last -> Cursor.encode(last.createdAt(), last.id()));
            List<UUID> shown = found.subList(0, Math.min(size, found.size())).stream()
                    .map(InboxStore.Notification::id).toList();
            // a clinician's notifications about a parent are opened now: the parent's access log says so
            return inbox.opened(userId, shown, clock.instant())
                    .invoke(opened -> {
                        if (opened > 0) {
                            access.nudge();
                        }
                    })
                    .replaceWith(answer);
        });
    }

    /** 204; another user's or an unknown notification is 404. */
    @POST
    @Path("/{id}/read")
    public Uni<Response> read(@PathParam("id") UUID id) {
        return inbox.markRead(identity.getPrincipal().getName(), id, clock.instant())
                .map(found -> {
                    if (!found) {
                        throw notFound();
                    }
                    return Response.noContent().build();
                });
    }

    /** Where a page starts: before the notification created at {@code createdAt} with {@code id}, newest first. */
    private record Before(Instant createdAt, UUID id) {
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "Not Found", "No such notification", null);
    }

    private static boolean bool(String name, String value) {
        if (value == null) {
            return false;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw ProblemException.invalidField(name, "must be true or false");
    }
}
