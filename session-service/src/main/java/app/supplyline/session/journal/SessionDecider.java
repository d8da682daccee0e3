package app.supplyline.session.journal;

import app.supplyline.session.journal.JournalEvent.NursingSessionLogged;
import app.supplyline.session.journal.JournalEvent.PumpingSessionLogged;
import app.supplyline.session.journal.JournalEvent.SessionCorrected;
import app.supplyline.session.journal.JournalEvent.SessionDeleted;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which events a session command produces, and how a session evolves with them. Pure: the caller loads
 * the state (the session and its neighbours in time) and stores the events.
 */
public final class SessionDecider {

    private SessionDecider() {
    }

    /** A command on one session of the parent's journal. */
    public sealed interface Command permits LogSession, CorrectSession, DeleteSession {
        UUID sessionId();
    }

    public record LogSession(UUID sessionId, SessionContent content) implements Command {
    }

    public record CorrectSession(UUID sessionId, long expectedVersion, SessionContent content) implements Command {
    }

    public record DeleteSession(UUID sessionId, long expectedVersion) implements Command {
    }

    /** A session as it stands after its events: its content, version (1 when logged) and whether it was deleted. */
    public record Session(UUID sessionId, long version, SessionContent content, boolean deleted) {
    }

    /**
     * What a decision needs: the session the command is about, if it exists, and the parent's live sessions that
     * overlap the command's time span.
     */
    public record State(Optional<Session> current, List<Session> overlapping) {
    }

    public static List<JournalEvent.SessionEvent> decide(Command command, State state, SessionLimits limits, Instant now) {
        return switch (command) {
            case LogSession log -> {
                if (state.current().isPresent()) {
                    // the same id again: an idempotent retry of a create is answered before deciding
                    throw new SessionRejected.Invalid(List.of(new Violation("id", "this session id is already used")));
                }
                validate(log.content(), limits, now);
                checkOverlap(log.sessionId(), log.content(), state);
                yield List.of(log.content().type() == SessionType.PUMPING
                        ? new PumpingSessionLogged(log.sessionId(), log.content())
                        : new NursingSessionLogged(log.sessionId(), log.content()));
            }
            case CorrectSession correct -> {
                validate(correct.content(), limits, now);
                Session current = live(state, correct.sessionId(), correct.expectedVersion());
                checkOverlap(correct.sessionId(), correct.content(), state);
                yield List.of(new SessionCorrected(correct.sessionId(), current.version() + 1, correct.content()));
            }
            case DeleteSession delete -> {
                Session current = live(state, delete.sessionId(), delete.expectedVersion());
                yield List.of(new SessionDeleted(delete.sessionId(), current.version() + 1));
            }
        };
    }

    /** The session after {@code event}; {@code current} is empty before the session's first event. */
    public static Session evolve(Optional<Session> current, JournalEvent.SessionEvent event) {
        return switch (event) {
            case PumpingSessionLogged e -> new Session(e.sessionId(), 1, e.session(), false);
            case NursingSessionLogged e -> new Session(e.sessionId(), 1, e.session(), false);
            case SessionCorrected e -> new Session(e.sessionId(), e.sessionVersion(), e.session(), false);
            case SessionDeleted e -> new Session(e.sessionId(), e.sessionVersion(),
                    current.orElseThrow(() -> new IllegalStateException("deleted before logged: " + e.sessionId())).content(),
                    true);
        };
    }

    private static Session live(State state, UUID sessionId, long expectedVersion) {
        Session current = state.current().filter(s -> !s.deleted())
                .orElseThrow(() -> new SessionRejected.NotFound(sessionId));
        if (current.version() != expectedVersion) {
            throw new SessionRejected.VersionMismatch(expectedVersion, current.version());
        }
        return current;
    }

    private static void validate(SessionContent content, SessionLimits limits, Instant now) {
        List<Violation> violations = SessionRules.check(content, limits, now);
        if (!violations.isEmpty()) {
            throw new SessionRejected.Invalid(violations);
        }
    }

    private static void checkOverlap(UUID sessionId, SessionContent content, State state) {
        state.overlapping().stream()
                .filter(other -> !other.deleted() && !other.sessionId().equals(sessionId))
                .filter(other -> content.overlaps(other.content()) && !content.mayOverlap(other.content()))
                .findFirst()
                .ifPresent(other -> {
                    throw new SessionRejected.Overlap(other.sessionId(), other.content().type());
                });
    }
}
