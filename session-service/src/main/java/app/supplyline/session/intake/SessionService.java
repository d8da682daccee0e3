package app.supplyline.session.intake;

import app.supplyline.session.journal.JournalEvent;
import app.supplyline.session.journal.Logged;
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
import app.supplyline.session.store.JournalStore;
import app.supplyline.session.store.JournalStore.Changes;
import app.supplyline.session.store.JournalStore.Decision;
import app.supplyline.session.store.JournalStore.IdempotentAnswer;
import app.supplyline.session.store.JournalStore.Read;
import app.supplyline.session.store.JournalStore.Snapshot;
import app.supplyline.session.store.JournalStore.Span;
import app.supplyline.session.store.OutboxRelay;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Handles a parent's session commands: each is decided by {@link SessionDecider} on a snapshot of the parent's
 * journal and written by {@link JournalStore#handle} with its events, outbox rows, read model and idempotency records
 * in one statement; then the relay is nudged. The answers are domain results; HTTP is the resource's.
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

    /** One session to log, and its idempotency key (none for a single POST without Idempotency-Key). */
    public record ToLog(SessionContent content, String idempotencyKey) {
    }

    /**
     * Logs the sessions, all or nothing, in order: each is decided against the journal including the ones before it,
     * and a refused one does not stop the others. A session sent again with the same key after a lost answer creates
     * nothing twice. One outcome per session, in order.
     */
    public Uni<List<Logged>> log(String parentId, List<ToLog> sessions) {
        Instant now = JournalStore.micros(clock.instant());
        List<String> keys = sessions.stream().map(ToLog::idempotencyKey).filter(Objects::nonNull).distinct().toList();
        Instant from = sessions.stream().map(s -> s.content().startedAt()).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(now);
        Instant to = sessions.stream().map(s -> s.content().endedAt()).filter(Objects::nonNull)
                .max(Instant::compareTo).filter(end -> end.isAfter(from)).orElse(from.plusSeconds(1));
        return store.handle(parentId, new Read(keys, span(from, to), null), snapshot -> decide(sessions, snapshot, now),
                        now)
                .invoke(outcomes -> relay.nudge());
    }

    /**
     * Decides every session in memory — against the existing sessions and those accepted before it: what the accepted
     * ones write, and each one's outcome.
     */
    private Decision<List<Logged>> decide(List<ToLog> sessions, Snapshot snapshot, Instant now) {
        List<Session> neighbours = new ArrayList<>(snapshot.neighbours());
        List<JournalEvent.SessionEvent> events = new ArrayList<>();
        List<Session> accepted = new ArrayList<>();
        Map<String, IdempotentAnswer> answers = new LinkedHashMap<>();
        List<Logged> outcomes = new ArrayList<>(sessions.size());
        for (ToLog item : sessions) {
            String key = item.idempotencyKey();
            String hash = key == null ? null : sha256(toJson(item.content()));
            IdempotentAnswer previous = key == null ? null : snapshot.answers().getOrDefault(key, answers.get(key));
            if (previous != null) {
                outcomes.add(previous.requestHash().equals(hash)
                        ? new Logged.Created(previous.sessionId(), previous.body(), true)
                        : new Logged.Refused(new SessionRejected.KeyReused()));
                continue;
            }
            try {
                UUID sessionId = UUID.randomUUID();
                List<JournalEvent.SessionEvent> decided = SessionDecider.decide(
                        new LogSession(sessionId, item.content()), new State(Optional.empty(), neighbours), limits, now);
                Session session = SessionDecider.evolve(Optional.empty(), decided.get(0));
                events.addAll(decided);
                accepted.add(session);
                neighbours.add(session);
                String body = toJson(SessionView.of(session));
                if (key != null) {
                    answers.put(key, new IdempotentAnswer(hash, sessionId, body));
                }
                outcomes.add(new Logged.Created(sessionId, body, false));
            } catch (SessionRejected e) {
                outcomes.add(new Logged.Refused(e));
            }
        }
        return new Decision<>(new Changes(events, accepted, answers), outcomes);
    }

    public Uni<SessionView> correct(String parentId, UUID sessionId, long expectedVersion, SessionContent content) {
        boolean timed = content.startedAt() != null && content.endedAt() != null
                && content.endedAt().isAfter(content.startedAt());
        // an untimed correction is refused by the rules before any neighbour is looked at
        Span span = timed ? span(content.startedAt(), content.endedAt()) : NO_SPAN;
        return handle(parentId, sessionId, span,
                current -> new CorrectSession(sessionId, expectedVersion, content));
    }

    /** Deletes the session; without {@code expectedVersion} the current version is deleted. */
    public Uni<Void> delete(String parentId, UUID sessionId, Optional<Long> expectedVersion) {
        return handle(parentId, sessionId, NO_SPAN, current -> new DeleteSession(sessionId,
                        expectedVersion.orElse(current.map(Session::version).orElse(0L))))
                .replaceWithVoid();
    }

    /** A span no session overlaps: a command that needs no neighbours. */
    private static final Span NO_SPAN = new Span(Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);

    /**
     * A correction or deletion of one session: the command, made from the session as it stands, decided on it and
     * on its live neighbours in {@code span}.
     */
    private Uni<SessionView> handle(String parentId, UUID sessionId, Span span,
            Function<Optional<Session>, Command> command) {
        Instant now = JournalStore.micros(clock.instant());
        return store.handle(parentId, new Read(List.of(), span, sessionId), snapshot -> {
                    List<JournalEvent.SessionEvent> events = SessionDecider.decide(command.apply(snapshot.current()),
                            new State(snapshot.current(), snapshot.neighbours()), limits, now);
                    Optional<Session> after = snapshot.current();
                    for (JournalEvent.SessionEvent event : events) {
                        after = Optional.of(SessionDecider.evolve(after, event));
                    }
                    Session result = after.orElseThrow();
                    return new Decision<>(new Changes(events, List.of(result), Map.of()), SessionView.of(result));
                }, now)
                .invoke(view -> relay.nudge());
    }

    public Uni<Optional<SessionView>> find(String parentId, UUID sessionId) {
        return store.findLiveSession(parentId, sessionId).map(found -> found.map(SessionView::of));
    }

    public Uni<List<SessionView>> list(String parentId, Instant from, Instant to, Instant afterStartedAt, UUID afterId,
            int limit) {
        return store.listSessions(parentId, from, to, afterStartedAt, afterId, limit)
                .map(sessions -> sessions.stream().map(SessionView::of).toList());
    }

    /**
     * [from, to) and the earliest start a session overlapping it can have: no session is longer than
     * {@code supplyline.sessions.max-duration} (a lowered limit leaves longer sessions stored before it unchecked).
     */
    private Span span(Instant from, Instant to) {
        return Span.of(from, to, limits.maxDuration());
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
