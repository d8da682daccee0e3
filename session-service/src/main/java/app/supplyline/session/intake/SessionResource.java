package app.supplyline.session.intake;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import app.supplyline.platform.problem.LargeBody;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.ProblemMappers;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import app.supplyline.platform.problem.RateLimitedWrite;
import app.supplyline.platform.problem.WriteRateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A parent's milk-removal sessions. The parent is always the token's {@code sub}; another parent's session, a
 * deleted one and a malformed id all answer 404.
 */
@Path("/api/sessions")
@RolesAllowed("parent")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final int MAX_BATCH = 500;

    private final SessionService sessions;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final WriteRateLimiter quota;

    public SessionResource(SessionService sessions, SecurityIdentity identity, ObjectMapper json,
            WriteRateLimiter quota) {
        this.sessions = sessions;
        this.quota = quota;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The session, logged (or the first answer to a repeated Idempotency-Key)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    @RateLimitedWrite
    public Uni<Response> create(SessionRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        requireBody(request);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to 200 characters");
        }
        return sessions.log(parentId(), request.toContent(), idempotencyKey)
                .map(created -> Response.created(URI.create("/api/sessions/" + created.sessionId()))
                        .entity(created.body()).type(MediaType.APPLICATION_JSON).build());
    }

    /** Offline sync: up to {@link #MAX_BATCH} sessions, each answered on its own; one bad item rejects no other. */
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @LargeBody
    @RateLimitedWrite
    public Uni<BatchResponse> batch(String text) {
        JsonNode body = readBatch(text);
        JsonNode items = body == null ? null : body.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ProblemException.invalidField("items", "must be an array of 1 to " + MAX_BATCH + " sessions");
        }
        if (items.size() > MAX_BATCH) {
            throw ProblemException.invalidField("items", "has " + items.size() + " sessions; at most " + MAX_BATCH
                    + " per batch");
        }
        var unknown = new java.util.ArrayList<String>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("items")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidField(unknown.get(0), "is not a field of a batch");
        }
        quota.spendForItems(items.size());
        List<SessionService.BatchItem> read = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read.add(readItem(i, items.get(i)));
        }
        return sessions.logBatch(parentId(), read).map(outcomes -> new BatchResponse(outcomes.stream()
                .map(o -> o.created() != null
                        ? new BatchResult(o.index(), 201, o.created().sessionId(), null)
                        : new BatchResult(o.index(), problemOf(o.refusal(), o.index()).status(), null,
                                problemOf(o.refusal(), o.index())))
                .toList()));
    }

    /** The answer to a batch: one result per item, in item order. */
    public record BatchResponse(List<BatchResult> results) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record BatchResult(int index, int status, UUID id, app.supplyline.platform.problem.Problem problem) {
    }

    /**
     * Number literals of at most {@value #MAX_NUMBER_LITERAL} characters: a tree turns a long integer into a
     * BigInteger at once (quadratic time), before any field could refuse it. Decimals are kept exact, so that each
     * item's fields refuse what is out of range.
     */
    static final int MAX_NUMBER_LITERAL = 64;
    private static final JsonFactory BATCH_JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LITERAL).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonNode readBatch(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try (JsonParser parser = BATCH_JSON.createParser(text)) {
            try {
                JsonNode body = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(parser);
                if (parser.nextToken() != null) {
                    throw new ProblemException(400, "Invalid request body", "Trailing content after the batch", null);
                }
                return body;
            } catch (StreamConstraintsException e) {
                String field = ProblemMappers.pointerPath(parser.getParsingContext().pathAsPointer().toString());
                throw ProblemException.invalidField(field.isEmpty() ? "items" : field,
                        "a number of more than " + MAX_NUMBER_LITERAL + " characters is out of range");
            } catch (JsonProcessingException e) {
                throw new ProblemException(400, "Invalid request body", "Malformed JSON: " + e.getOriginalMessage(), null);
            }
        } catch (java.io.IOException e) {
            throw new ProblemException(400, "Invalid request body", "Unreadable body", null);
        }
    }

    private SessionService.BatchItem readItem(int index, JsonNode item) {
        String prefix = "items[" + index + "].";
        if (!item.isObject()) {
            return new SessionService.BatchItem(index, null, null,
                    ProblemException.invalidField("items[" + index + "]", "must be a session object"));
        }
        ObjectNode fields = ((ObjectNode) item).deepCopy();
        JsonNode clientId = fields.remove("clientId");
        if (clientId == null || !clientId.isTextual() || clientId.asText().isBlank() || clientId.asText().length() > 200) {
            return new SessionService.BatchItem(index, null, null,
                    ProblemException.invalidField(prefix + "clientId", "is required: 1 to 200 characters"));
        }
        try {
            SessionRequest request = json.treeToValue(fields, SessionRequest.class);
            return new SessionService.BatchItem(index, request.toContent(), "batch:" + clientId.asText(), null);
        } catch (JsonProcessingException e) {
            return new SessionService.BatchItem(index, null, null, new ItemUnreadable(
                    ProblemMappers.jsonProblem(e, "/api/sessions/batch", prefix)));
        }
    }

    private static app.supplyline.platform.problem.Problem problemOf(RuntimeException refusal, int index) {
        String prefix = "items[" + index + "].";
        return switch (refusal) {
            case ItemUnreadable unreadable -> unreadable.problem;
            case app.supplyline.session.journal.SessionRejected rejected ->
                    SessionProblems.problemOf(rejected, "/api/sessions/batch", prefix);
            case ProblemException problem -> ProblemMappers.problemOf(problem, "/api/sessions/batch");
            default -> throw refusal;
        };
    }

    /** An item whose JSON could not be read as a session. */
    private static final class ItemUnreadable extends RuntimeException {
        private final app.supplyline.platform.problem.Problem problem;

        ItemUnreadable(app.supplyline.platform.problem.Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The session; its version is the ETag",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        return sessions.find(parentId(), sessionId(id))
                .map(found -> found.map(view -> Response.ok(view).tag(etag(view.version())).build())
                        .orElseThrow(SessionResource::notFound));
    }

    @GET
    public Uni<SessionPage> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        // a String, so that "abc" is a 400 naming the field rather than JAX-RS's 404 for an unconvertible parameter
        int size = app.supplyline.platform.problem.QueryParams.limit(limit);
        Instant fromInstant = instant("from", from, Instant.EPOCH);
        Instant toInstant = instant("to", to, Instant.parse("9999-12-31T00:00:00Z"));
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return sessions.list(parentId(), fromInstant, toInstant, after == null ? null : after.startedAt(),
                        after == null ? null : after.id(), size + 1)
                .map(found -> {
                    boolean more = found.size() > size;
                    List<SessionView> page = more ? found.subList(0, size) : found;
                    SessionView last = page.isEmpty() ? null : page.get(page.size() - 1);
                    return new SessionPage(page, more ? new Cursor(last.startedAt(), last.id()).encode() : null);
                });
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The corrected session at its new version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    @RateLimitedWrite
    public Uni<Response> correct(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            SessionRequest request) {
        UUID sessionId = sessionId(id);
        if (ifMatch == null) {
            throw new ProblemException(428, "Precondition required",
                    "A correction needs If-Match with the session's current ETag", null);
        }
        requireBody(request);
        return sessions.correct(parentId(), sessionId, version(ifMatch), request.toContent())
                .map(view -> Response.ok(view).tag(etag(view.version())).build());
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted: the session leaves every read; its events stay")
    @RateLimitedWrite
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        UUID sessionId = sessionId(id);
        Optional<Long> expected = ifMatch == null ? Optional.empty() : Optional.of(version(ifMatch));
        return sessions.delete(parentId(), sessionId, expected).replaceWith(Response.noContent().build());
    }

    private String parentId() {
        return identity.getPrincipal().getName();
    }

    private static void requireBody(SessionRequest request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
    }

    private static UUID sessionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    static ProblemException notFound() {
        return new ProblemException(404, "Not Found", "No such session", null);
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version in an If-Match value: {@code "3"}, {@code W/"3"} or {@code 3}. */
    private static long version(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "Precondition failed", "If-Match does not name a version of this session",
                    null);
        }
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be an ISO-8601 instant with an offset");
        }
    }

    /** Opaque position after which the next page starts: the last session's start and id. */
    record Cursor(Instant startedAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((startedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor from this API");
            }
        }
    }
}
