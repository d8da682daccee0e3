package app.supplyline.notification.inbox;

import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.QueryParams;
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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
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

    public record Page(List<NotificationView> items, String nextCursor) {
    }

    @GET
    public Uni<Page> list(@QueryParam("unread") String unread, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        boolean unreadOnly = bool("unread", unread);
        int size = QueryParams.limit(limit);
        Instant beforeAt = null;
        UUID beforeId = null;
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                beforeAt = Instant.parse(parts[0]);
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor of this list");
            }
        }
        String userId = identity.getPrincipal().getName();
        return inbox.page(userId, unreadOnly, beforeAt, beforeId, size + 1).chain(found -> {
            boolean more = found.size() > size;
            List<InboxStore.Notification> page = more ? found.subList(0, size) : found;
            InboxStore.Notification last = page.isEmpty() ? null : page.get(page.size() - 1);
            Page answer = new Page(page.stream().map(n -> new NotificationView(n.id(), n.kind(), n.title(), n.body(),
                    n.createdAt(), n.readAt(), n.data() == null ? Map.of() : n.data().getMap())).toList(),
                    more ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                            (last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8)) : null);
            // a clinician's notifications about a parent are opened now: the parent's access log says so
            return inbox.opened(userId, page.stream().map(InboxStore.Notification::id).toList(), clock.instant())
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
    public Uni<Response> read(@PathParam("id") String id) {
        UUID notificationId;
        try {
            notificationId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return inbox.markRead(identity.getPrincipal().getName(), notificationId, clock.instant())
                .map(found -> {
                    if (!found) {
                        throw notFound();
                    }
                    return Response.noContent().build();
                });
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
