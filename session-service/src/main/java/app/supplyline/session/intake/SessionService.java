package app.supplyline.session.intake;

import app.supplyline.platform.problem.ProblemException;
import app.supplyline.session.journal.JournalEvent;
import app.supplyline.session.journal.SessionContent;
import app.supplyline.session.journal.SessionDecider;
import app.supplyline.session.journal.SessionDecider.Command;
import app.supplyline.session.journal.SessionDecider.CorrectSession;
import app.supplyline.session.journal.SessionDecider.DeleteSession;
import app.supplyline.session.journal.SessionDecider.LogSession;
import app.supplyline.session.journal.SessionDecider.Session;
import app.supplyline.session.journal.SessionDecider.State;
import app.supplyline.session.journal.SessionLimits;
import app.supplyline.session.journal.SessionRejected;
import app.supplyline.session.journal.SessionRules;
import app.supplyline.session.journal.Violation;
import app.supplyline.session.store.JournalStore;
import app.supplyline.session.store.JournalStore.Changes;
import app.supplyline.session.store.JournalStore.IdempotentAnswer;
import app.supplyline.session.store.JournalStore.Snapshot;
import app.supplyline.session.store.JournalStore.Span;
import app.supplyline.session.store.OutboxRelay;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a parent's session commands into journal events: each command is decided on the parent's journal and its
 * events, outbox rows, read model and idempotency record are stored together, then the relay is nudged. Logging
 * needs no transaction in the usual case (see {@link #logItems}); corrections and deletions hold the stream's lock.
 */
@ApplicationScoped
public class SessionService {

    private final JournalStore store;
    private final OutboxRelay relay;
    private final SessionLimits limits;
    private final Clock clock;
    private final ObjectMapper json;

    public SessionService(JournalStore store, OutboxRelay relay, SessionConfig config, Clock clock, ObjectMapper json) {
        this.store = store;
        this.relay = relay;
        this.limits = config.limits();
        this.clock = clock;
        this.json = json;
    }

    /** The answer to a create: the session's view as JSON, and whether it replays an earlier identical request. */
    public record Created(UUID sessionId, String body, boolean replay) {
    }

    public Uni<Created> log(String parentId, SessionContent content, String idempotencyKey) {
        Instant now = JournalStore.micros(clock.instant());
        rejectIfInvalid(content, now);
        return logItems(parentId, List.of(new BatchItem(0, content, idempotencyKey, null)), now).map(outcomes -> {
            BatchOutcome outcome = outcomes.get(0);
            if (outcome.refusal() != null) {
                throw outcome.refusal();
            }
            return outcome.created();
        });
    }

    /** One item of a batch: its index, and either what it created or why it was refused. */
    public record BatchOutcome(int index, Created created, RuntimeException refusal) {
    }

    /**
     * A batch item already read: its content and clientId (its idempotency key; none for a single POST without
     * Idempotency-Key), or the problem found while reading it.
     */
    public record BatchItem(int index, SessionContent content, String clientId, RuntimeException unreadable) {
    }

    /**
     * Logs the items of an offline sync, all or nothing, in order: each item is decided against the journal
     * including the items before it, and a refused item does not stop the others. The clientId of an item is its
     * Idempotency-Key, so a batch sent again after a lost answer creates nothing twice.
     */
    public Uni<List<BatchOutcome>> logBatch(String parentId, List<BatchItem> items) {
        return logItems(parentId, items, JournalStore.micros(clock.instant()));
    }

    /**
     * Decides the items against a snapshot of the parent's journal and writes the result in one statement that
     * holds only if the stream is still at the snapshot's version — two round trips and no transaction for the
     * usual case of one writer per parent. When another write of the parent came first, the items are decided
     * again holding the stream's lock, which cannot be overtaken.
     */
    private Uni<List<BatchOutcome>> logItems(String parentId, List<BatchItem> items, Instant now) {
        List<BatchItem> readable = items.stream().filter(i -> i.unreadable() == null).toList();
        List<String> keys = readable.stream().map(BatchItem::clientId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        Instant from = readable.stream().map(i -> i.content().startedAt()).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(now);
        Instant to = readable.stream().map(i -> i.content().endedAt()).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).filter(end -> end.isAfter(from)).orElse(from.plusSeconds(1));
        Span span = span(from, to);
        return store.autocommit(c -> decideAndWrite(c, parentId, items, keys, span, now))
                .chain(written -> written.isPresent() ? Uni.createFrom().item(written.get())
                        : store.inTransaction(c -> store.lockStream(c, parentId)
                                        .chain(() -> decideAndWrite(c, parentId, items, keys, span, now)))
                                .map(again -> again.orElseThrow(() -> new IllegalStateException(
                                        "journal of " + parentId + " moved on while locked"))))
                .invoke(outcomes -> relay.nudge());
    }

    /**
     * [from, to) and the earliest start a session overlapping it can have: no session is longer than
     * {@code supplyline.sessions.max-duration} (a lowered limit leaves longer sessions stored before it unchecked).
     */
    private Span span(Instant from, Instant to) {
        return Span.of(from, to, limits.maxDuration());
    }

    /** At most this many existing sessions are loaded to check overlaps (a batch of 500 spans ~2 months). */
    static final int MAX_NEIGHBOURS = 20_000;

    /** The outcomes, or empty when the stream moved on between the snapshot and the write (nothing written). */
    private Uni<Optional<List<BatchOutcome>>> decideAndWrite(SqlClient c, String parentId, List<BatchItem> items,
            List<String> keys, Span span, Instant now) {
        return store.snapshot(c, parentId, keys, span, MAX_NEIGHBOURS).chain(snapshot -> {
            List<BatchOutcome> outcomes = new java.util.ArrayList<>(items.size());
            Changes changes = decideItems(items, snapshot, outcomes, now);
            return store.write(c, parentId, snapshot.version(), changes, now)
                    .map(written -> written.map(version -> outcomes));
        });
    }

    /**
     * Decides every item in memory — against the existing sessions and the items accepted before it — adding each
     * item's outcome to {@code outcomes}; returns what the accepted items write.
     */
    private Changes decideItems(List<BatchItem> items, Snapshot snapshot, List<BatchOutcome> outcomes, Instant now) {
        List<Session> neighbours = new java.util.ArrayList<>(snapshot.neighbours());
        List<JournalEvent.SessionEvent> events = new java.util.ArrayList<>();
        List<Session> accepted = new java.util.ArrayList<>();
        java.util.Map<String, IdempotentAnswer> newAnswers = new java.util.LinkedHashMap<>();
        for (BatchItem item : items) {
            if (item.unreadable() != null) {
                outcomes.add(new BatchOutcome(item.index(), null, item.unreadable()));
                continue;
            }
            try {
                rejectIfInvalid(item.content(), now);
                String hash = item.clientId() == null ? null : sha256(toJson(item.content()));
                IdempotentAnswer previous = item.clientId() == null ? null
                        : snapshot.answers().getOrDefault(item.clientId(), newAnswers.get(item.clientId()));
                if (previous != null) {
                    outcomes.add(new BatchOutcome(item.index(), replayed(previous, hash), null));
                    continue;
                }
                UUID sessionId = UUID.randomUUID();
                List<JournalEvent.SessionEvent> decided = SessionDecider.decide(
                        new LogSession(sessionId, item.content()), new State(Optional.empty(), neighbours), limits, now);
                Session session = SessionDecider.evolve(Optional.empty(), decided.get(0));
                events.addAll(decided);
                accepted.add(session);
                neighbours.add(session);
                String body = toJson(SessionView.of(session));
                if (item.clientId() != null) {
                    newAnswers.put(item.clientId(), new IdempotentAnswer(hash, 201, "/api/sessions/" + sessionId, body));
                }
                outcomes.add(new BatchOutcome(item.index(), new Created(sessionId, body, false), null));
            } catch (SessionRejected | ProblemException e) {
                outcomes.add(new BatchOutcome(item.index(), null, e));
            }
        }
        return new Changes(events, accepted, newAnswers);
    }

    public Uni<SessionView> correct(String parentId, UUID sessionId, long expectedVersion, SessionContent content) {
        Instant now = JournalStore.micros(clock.instant());
        rejectIfInvalid(content, now);
        return store.inTransaction(c -> store.lockStream(c, parentId).chain(streamVersion ->
                        store.findSession(c, parentId, sessionId).chain(current -> decideAndStore(c, parentId,
                                streamVersion, new CorrectSession(sessionId, expectedVersion, content),
                                current, now))))
                .map(SessionView::of)
                .invoke(view -> relay.nudge());
    }

    /** Deletes the session; without {@code expectedVersion} the current version is deleted. */
    public Uni<Void> delete(String parentId, UUID sessionId, Optional<Long> expectedVersion) {
        Instant now = JournalStore.micros(clock.instant());
        return store.inTransaction(c -> store.lockStream(c, parentId).chain(streamVersion ->
                        store.findSession(c, parentId, sessionId).chain(current -> {
                            long expected = expectedVersion.orElse(current.map(Session::version).orElse(0L));
                            return decideAndStore(c, parentId, streamVersion,
                                    new DeleteSession(sessionId, expected), current, now);
                        })))
                .invoke(deleted -> relay.nudge())
                .replaceWithVoid();
    }

    public Uni<Optional<SessionView>> find(String parentId, UUID sessionId) {
        return store.findLiveSession(parentId, sessionId).map(found -> found.map(SessionView::of));
    }

    public Uni<List<SessionView>> list(String parentId, Instant from, Instant to, Instant afterStartedAt, UUID afterId,
            int limit) {
        return store.listSessions(parentId, from, to, afterStartedAt, afterId, limit)
                .map(sessions -> sessions.stream().map(SessionView::of).toList());
    }

    private Uni<Session> decideAndStore(SqlConnection c, String parentId, long streamVersion, Command command,
            Optional<Session> current, Instant now) {
        Uni<List<Session>> neighbours = switch (command) {
            case LogSession log -> throw new IllegalArgumentException("sessions are logged by logItems");
            case CorrectSession fix -> store.overlapping(c, parentId, span(fix.content().startedAt(), fix.content().endedAt()));
            case DeleteSession delete -> Uni.createFrom().item(List.of());
        };
        return neighbours.chain(overlapping -> {
            List<JournalEvent.SessionEvent> events = SessionDecider.decide(command, new State(current, overlapping),
                    limits, now);
            Optional<Session> after = current;
            for (JournalEvent.SessionEvent event : events) {
                after = Optional.of(SessionDecider.evolve(after, event));
            }
            Session result = after.orElseThrow();
            return store.writeLocked(c, parentId, streamVersion,
                            new Changes(events, List.of(result), java.util.Map.of()), now)
                    .replaceWith(result);
        });
    }

    /** The earlier answer to the same request, or 422 when the key was used for a different request. */
    private static Created replayed(IdempotentAnswer previous, String requestHash) {
        if (!previous.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request", null);
        }
        UUID sessionId = UUID.fromString(previous.location().substring(previous.location().lastIndexOf('/') + 1));
        return new Created(sessionId, previous.body(), true);
    }

    private void rejectIfInvalid(SessionContent content, Instant now) {
        List<Violation> violations = SessionRules.check(content, limits, now);
        if (!violations.isEmpty()) {
            throw new SessionRejected.Invalid(violations);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
