package app.supplyline.notification.push;

import app.supplyline.platform.problem.Problem;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.RateLimitedWrite;
import app.supplyline.platform.rest.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Web Push: the application server key, and the user's subscriptions (browsers and phones). */
@Path("/api/push")
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

    static final int MAX_ENDPOINT = 2048;
    static final int MAX_LABEL = 100;

    private final PushSubscriptions subscriptions;
    private final VapidKeys keys;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final int maxPerUser;
    private final PushEndpoints endpoints;
    private final Vertx vertx;

    public PushResource(PushSubscriptions subscriptions, VapidKeys keys, SecurityIdentity identity, Clock clock,
            PushEndpoints endpoints, Vertx vertx,
            @ConfigProperty(name = "supplyline.push.max-subscriptions-per-user", defaultValue = "20") int maxPerUser) {
        this.subscriptions = subscriptions;
        this.keys = keys;
        this.identity = identity;
        this.clock = clock;
        this.maxPerUser = maxPerUser;
        this.endpoints = endpoints;
        this.vertx = vertx;
    }

    public record PublicKey(String publicKey) {
    }

    public record Keys(String p256dh, String auth) {
    }

    /** The browser's PushSubscription JSON, plus an optional label for the device. */
    public record SubscriptionRequest(String endpoint, Long expirationTime, Keys keys, String label) {
    }

    public record SubscriptionView(UUID id, String endpoint, String label, Instant createdAt) {

        static SubscriptionView of(PushSubscription s) {
            return new SubscriptionView(s.id, s.endpoint, s.label, s.createdAt);
        }
    }

    @GET
    @Path("/public-key")
    @PermitAll
    public PublicKey publicKey() {
        return new PublicKey(keys.publicKey());
    }

    /** 201 for a new subscription, 200 when this browser (same endpoint) subscribed again. */
    @POST
    @Path("/subscriptions")
    @RolesAllowed({"parent", "clinician"})
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedWrite
    public Uni<Response> subscribe(SubscriptionRequest request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        validate(request);
        String label = request.label() == null ? null : request.label().strip();
        // the host must resolve to public addresses only (DNS is blocking: off the event loop, unordered so that one
        // slow resolver holds up no other request, and back on the request's context for the repository)
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        return endpoints.resolve(request.endpoint());
                    } catch (PushEndpoints.Refused e) {
                        throw invalid(List.of(new Problem.FieldError("endpoint", e.getMessage())));
                    }
                }), false)
                .chain(target -> subscriptions.save(identity.getPrincipal().getName(), request.endpoint(),
                        request.keys().p256dh(), request.keys().auth(), label, maxPerUser, clock.instant()))
                .map(saved -> switch (saved.outcome()) {
                    case CREATED -> Response.created(URI.create("/api/push/subscriptions/" + saved.subscription().id))
                            .entity(SubscriptionView.of(saved.subscription())).build();
                    case UPDATED -> Response.ok(SubscriptionView.of(saved.subscription())).build();
                    case TOO_MANY -> throw new ProblemException(409, "Too many subscriptions",
                            "At most " + maxPerUser + " browsers or phones per user; remove one first", null);
                });
    }

    @GET
    @Path("/subscriptions")
    @RolesAllowed({"parent", "clinician"})
    public Uni<Page<SubscriptionView>> list() {
        return subscriptions.of(identity.getPrincipal().getName())
                .map(all -> new Page<>(all.stream().map(SubscriptionView::of).toList(), null));
    }

    @DELETE
    @Path("/subscriptions/{id}")
    @RolesAllowed({"parent", "clinician"})
    public Uni<Response> unsubscribe(@PathParam("id") UUID id) {
        return subscriptions.deleteOwned(identity.getPrincipal().getName(), id).map(deleted -> {
            if (!deleted) {
                throw notFound();
            }
            return Response.noContent().build();
        });
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "Not Found", "No such subscription", null);
    }

    /** Every problem at once, with its field path. */
    private void validate(SubscriptionRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        endpoint(r.endpoint(), errors);
        if (r.keys() == null) {
            errors.add(new Problem.FieldError("keys", "is required (p256dh and auth)"));
        } else {
            byte[] p256dh = base64url(r.keys().p256dh());
            if (p256dh == null || p256dh.length != 65 || p256dh[0] != 0x04) {
                errors.add(new Problem.FieldError("keys.p256dh", "must be an uncompressed P-256 public key (65 bytes), base64url"));
            }
            byte[] auth = base64url(r.keys().auth());
            if (auth == null || auth.length != 16) {
                errors.add(new Problem.FieldError("keys.auth", "must be a 16-byte authentication secret, base64url"));
            }
        }
        if (r.label() != null && r.label().strip().length() > MAX_LABEL) {
            errors.add(new Problem.FieldError("label", "must be at most " + MAX_LABEL + " characters"));
        }
        if (r.expirationTime() != null && r.expirationTime() < clock.millis()) {
            errors.add(new Problem.FieldError("expirationTime", "is in the past: the subscription has expired"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "Invalid subscription", errors.get(0).field() + " " + errors.get(0).message(),
                errors);
    }

    /** The form and the policy of the endpoint, without DNS (see {@link PushEndpoints}). */
    private void endpoint(String endpoint, List<Problem.FieldError> errors) {
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_ENDPOINT) {
            errors.add(new Problem.FieldError("endpoint", "is required, at most " + MAX_ENDPOINT + " characters"));
            return;
        }
        try {
            endpoints.check(endpoint);
        } catch (PushEndpoints.Refused e) {
            errors.add(new Problem.FieldError("endpoint", e.getMessage()));
        }
    }

    private static byte[] base64url(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(value.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
