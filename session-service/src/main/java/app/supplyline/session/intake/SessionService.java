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
import app.supplyline.session.store.JournalStore.IdempotentAnswer;
import app.supplyline.session.store.OutboxRelay;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
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
 * Turns a parent's session commands into journal events: each command is decided and stored in one transaction
 * (stream lock, state, decision, events, outbox rows, read model, idempotency record), then the relay is nudged.
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
        return store.inTransaction(c -> store.lockStream(c, parentId).chain(streamVersion ->
                        logIn(c, parentId, new long[] {streamVersion}, content, idempotencyKey, now)))
                .invoke(created -> relay.nudge());
    }

    /** One item of a batch: its index, and either what it created or why it was refused. */
    public record BatchOutcome(int index, Created created, RuntimeException refusal) {
    }

    /** A batch item already read: its content and clientId, or the problem found while reading it. */
    public record BatchItem(int index, SessionContent content, String clientId, RuntimeException unreadable) {
    }

    /**
     * Logs the items of an offline sync in one transaction, in order: each item is decided against the journal
     * including the items before it, and a refused item does not stop the others. The clientId of an item is its
     * Idempotency-Key, so a batch sent again after a lost answer creates nothing twice.
     */
    public Uni<List<BatchOutcome>> logBatch(String parentId, List<BatchItem> items) {
        Instant now = JournalStore.micros(clock.instant());
        List<BatchItem> readable = items.stream().filter(i -> i.unreadable() == null).toList();
        List<String> keys = readable.stream().map(BatchItem::clientId).distinct().toList();
        Instant from = readable.stream().map(i -> i.content().startedAt()).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(now);
        Instant to = readable.stream().map(i -> i.content().endedAt()).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(now);
        return store.inTransaction(c -> store.lockStream(c, parentId).chain(streamVersion ->
                        store.findAnswers(c, parentId, keys).chain(answers ->
                                store.overlapping(c, parentId, from, to.isAfter(from) ? to : from.plusSeconds(1),
                                        MAX_BATCH_NEIGHBOURS).chain(existing ->
                                        decideBatch(c, parentId, streamVersion, items, answers, existing, now)))))
                .invoke(outcomes -> relay.nudge());
    }

    /** At most this many existing sessions are loaded to check a batch's overlaps (500 items span ~2 months). */
    static final int MAX_BATCH_NEIGHBOURS = 20_000;

    /**
     * Decides every item in memory — against the existing sessions and the items accepted before it — then writes
     * all accepted events, outbox rows, read-model rows and idempotency answers in a few pipelined statements.
     */
    private Uni<List<BatchOutcome>> decideBatch(SqlConnection c, String parentId, long streamVersion,
            List<BatchItem> items, java.util.Map<String, IdempotentAnswer> answers, List<Session> existing, Instant now) {
        List<BatchOutcome> outcomes = new java.util.ArrayList<>(items.size());
        List<Session> neighbours = new java.util.ArrayList<>(existing);
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
                String hash = sha256(toJson(item.content()));
                IdempotentAnswer previous = answers.getOrDefault(item.clientId(), newAnswers.get(item.clientId()));
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
                newAnswers.put(item.clientId(), new IdempotentAnswer(hash, 201, "/api/sessions/" + sessionId, body));
                outcomes.add(new BatchOutcome(item.index(), new Created(sessionId, body, false), null));
            } catch (SessionRejected | ProblemException e) {
                outcomes.add(new BatchOutcome(item.index(), null, e));
            }
        }
        return store.append(c, parentId, streamVersion, events, now, now)
                .chain(() -> store.saveSessions(c, parentId, accepted, now))
                .chain(() -> store.saveAnswers(c, parentId, newAnswers, now))
                .replaceWith(outcomes);
    }

    /** Logs one session on the transaction's connection; {@code streamVersion[0]} moves on with each append. */
    private Uni<Created> logIn(SqlConnection c, String parentId, long[] streamVersion, SessionContent content,
            String idempotencyKey, Instant now) {
        String requestHash = idempotencyKey == null ? null : sha256(toJson(content));
        return previousAnswer(c, parentId, idempotencyKey).chain(previous -> {
            if (previous.isPresent()) {
                return replay(previous.get(), requestHash);
            }
            UUID sessionId = UUID.randomUUID();
            return decideAndStore(c, parentId, streamVersion, new LogSession(sessionId, content), Optional.empty(), now)
                    .chain(session -> {
                        String body = toJson(SessionView.of(session));
                        Uni<Void> remember = idempotencyKey == null ? Uni.createFrom().voidItem()
                                : store.saveAnswer(c, parentId, idempotencyKey, new IdempotentAnswer(requestHash, 201,
                                        "/api/sessions/" + sessionId, body), now);
                        return remember.replaceWith(new Created(sessionId, body, false));
                    });
        });
    }

    public Uni<SessionView> correct(String parentId, UUID sessionId, long expectedVersion, SessionContent content) {
        Instant now = JournalStore.micros(clock.instant());
        rejectIfInvalid(content, now);
        return store.inTransaction(c -> store.lockStream(c, parentId).chain(streamVersion ->
                        store.findSession(c, parentId, sessionId).chain(current -> decideAndStore(c, parentId,
                                new long[] {streamVersion}, new CorrectSession(sessionId, expectedVersion, content),
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
                            return decideAndStore(c, parentId, new long[] {streamVersion},
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

    private Uni<Session> decideAndStore(SqlConnection c, String parentId, long[] streamVersion, Command command,
            Optional<Session> current, Instant now) {
        Uni<List<Session>> neighbours = switch (command) {
            case LogSession log -> store.overlapping(c, parentId, log.content().startedAt(), log.content().endedAt());
            case CorrectSession fix -> store.overlapping(c, parentId, fix.content().startedAt(), fix.content().endedAt());
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
            return store.append(c, parentId, streamVersion[0], events, now, now)
                    .invoke(newVersion -> streamVersion[0] = newVersion)
                    .chain(() -> store.saveSession(c, parentId, result, now))
                    .replaceWith(result);
        });
    }

    private Uni<Optional<IdempotentAnswer>> previousAnswer(SqlConnection c, String parentId, String key) {
        return key == null ? Uni.createFrom().item(Optional.empty()) : store.findAnswer(c, parentId, key);
    }

    private static Uni<Created> replay(IdempotentAnswer previous, String requestHash) {
        try {
            return Uni.createFrom().item(replayed(previous, requestHash));
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
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
