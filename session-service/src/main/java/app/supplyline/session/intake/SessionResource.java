package app.supplyline.session.intake;

import app.supplyline.platform.problem.LargeBody;
import app.supplyline.platform.problem.Problem;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.ProblemMappers;
import app.supplyline.platform.problem.QueryParams;
import app.supplyline.platform.problem.RateLimitedWrite;
import app.supplyline.platform.problem.WriteRateLimiter;
import app.supplyline.platform.rest.Cursor;
import app.supplyline.platform.rest.Page;
import app.supplyline.platform.rest.Versions;
import app.supplyline.session.journal.Logged;
import app.supplyline.session.journal.SessionRejected;
import com.fasterxml.jackson.annotation.JsonInclude;
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
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private final Validator validator;

    public SessionResource(SessionService sessions, SecurityIdentity identity, ObjectMapper json,
            WriteRateLimiter quota, Validator validator) {
        this.sessions = sessions;
        this.validator = validator;
        this.quota = quota;
        this.identity = identity;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The session, logged (or the first answer to a repeated Idempotency-Key)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    @RateLimitedWrite
    public Uni<Response> create(@Valid SessionRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        requireBody(request);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to 200 characters");
        }
        return sessions.log(parentId(), List.of(new SessionService.ToLog(request.toContent(), idempotencyKey)))
                .map(outcomes -> switch (outcomes.getFirst()) {
                    case Logged.Created created -> Response.created(URI.create("/api/sessions/" + created.sessionId()))
                            .entity(created.answer()).type(MediaType.APPLICATION_JSON).build();
                    case Logged.Refused refused -> throw refused.reason();
                });
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
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("items")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.invalidField(unknown.get(0), "is not a field of a batch");
        }
        quota.spendForItems(items.size());
        BatchResult[] results = new BatchResult[items.size()];
        List<Integer> readable = new ArrayList<>();
        List<SessionService.ToLog> toLog = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                toLog.add(readItem(i, items.get(i)));
                readable.add(i);
            } catch (ItemUnreadable e) {
                results[i] = new BatchResult(i, e.problem.status(), null, e.problem);
            }
        }
        Uni<List<Logged>> logged = toLog.isEmpty() ? Uni.createFrom().item(List.of())
                : sessions.log(parentId(), toLog);
        return logged.map(outcomes -> {
            for (int j = 0; j < outcomes.size(); j++) {
                int index = readable.get(j);
                results[index] = switch (outcomes.get(j)) {
                    case Logged.Created created -> new BatchResult(index, 201, created.sessionId(), null);
                    case Logged.Refused refused -> {
                        Problem problem = SessionProblems.problemOf(refused.reason(), BATCH, "items[" + index + "].");
                        yield new BatchResult(index, problem.status(), null, problem);
                    }
                };
            }
            return new BatchResponse(List.of(results));
        });
    }

    /** The answer to a batch: one result per item, in item order. */
    public record BatchResponse(List<BatchResult> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchResult(int index, int status, UUID id, Problem problem) {
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
        } catch (IOException e) {
            throw new ProblemException(400, "Invalid request body", "Unreadable body", null);
        }
    }

    private static final String BATCH = "/api/sessions/batch";

    /** The item as a session to log, its clientId as its idempotency key; {@link ItemUnreadable} when it is not one. */
    private SessionService.ToLog readItem(int index, JsonNode item) {
        String prefix = "items[" + index + "].";
        if (!item.isObject()) {
            throw new ItemUnreadable(ProblemMappers.problemOf(
                    ProblemException.invalidField("items[" + index + "]", "must be a session object"), BATCH));
        }
        ObjectNode fields = ((ObjectNode) item).deepCopy();
        JsonNode clientId = fields.remove("clientId");
        if (clientId == null || !clientId.isTextual() || clientId.asText().isBlank() || clientId.asText().length() > 200) {
            throw new ItemUnreadable(ProblemMappers.problemOf(
                    ProblemException.invalidField(prefix + "clientId", "is required: 1 to 200 characters"), BATCH));
        }
        SessionRequest request;
        try {
            request = json.treeToValue(fields, SessionRequest.class);
        } catch (JsonProcessingException e) {
            throw new ItemUnreadable(ProblemMappers.jsonProblem(e, BATCH, prefix));
        }
        Set<ConstraintViolation<SessionRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ItemUnreadable(ProblemMappers.invalid(violations, BATCH, field -> prefix + field));
        }
        return new SessionService.ToLog(request.toContent(), "batch:" + clientId.asText());
    }

    /** An item whose JSON could not be read as a session. */
    private static final class ItemUnreadable extends RuntimeException {
        private final Problem problem;

        ItemUnreadable(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The session; its version is the ETag",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return sessions.find(parentId(), id)
                .map(found -> found.map(view -> Response.ok(view).tag(Versions.etag(view.version())).build())
                        .orElseThrow(() -> new SessionRejected.NotFound(id)));
    }

    /** The parent's sessions that started in [from, to), newest first, a page at a time. */
    @GET
    public Uni<Page<SessionView>> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        // Strings, so that "abc" is a 400 naming the field rather than JAX-RS's 404 for an unconvertible parameter
        int size = QueryParams.limit(limit);
        Instant fromInstant = instant("from", from, Instant.EPOCH);
        Instant toInstant = instant("to", to, Instant.parse("9999-12-31T00:00:00Z"));
        After after = cursor == null ? null
                : Cursor.decode(cursor, 2, key -> new After(Instant.parse(key.get(0)), UUID.fromString(key.get(1))));
        return sessions.list(parentId(), fromInstant, toInstant, after == null ? null : after.startedAt(),
                        after == null ? null : after.id(), size + 1)
                .map(found -> Page.of(found, size, view -> view, last -> Cursor.encode(last.startedAt(), last.id())));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The corrected session at its new version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    @RateLimitedWrite
    public Uni<Response> correct(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            SessionRequest request) {
        // the version first (428, 412), then the body: its shape, then the rules
        long expected = Versions.required(ifMatch, THIS_SESSION);
        requireBody(request);
        Set<ConstraintViolation<SessionRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return sessions.correct(parentId(), id, expected, request.toContent())
                .map(view -> Response.ok(view).tag(Versions.etag(view.version())).build());
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted: the session leaves every read; its events stay")
    @RateLimitedWrite
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return sessions.delete(parentId(), id, Versions.optional(ifMatch, THIS_SESSION))
                .replaceWith(Response.noContent().build());
    }

    private static final String THIS_SESSION = "this session";

    /** Where a page starts: after the session that started at {@code startedAt} with {@code id}, newest first. */
    private record After(Instant startedAt, UUID id) {
    }

    private String parentId() {
        return identity.getPrincipal().getName();
    }

    private static void requireBody(SessionRequest request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
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
}
