package app.supplyline.session.journal;

import java.util.List;
import java.util.UUID;

/** Why a session command produced no event. Each kind maps to one HTTP status at the boundary. */
public sealed abstract class SessionRejected extends RuntimeException {

    protected SessionRejected(String message) {
        super(message, null, false, false);
    }

    /** The content breaks a rule: the violations name the fields. */
    public static final class Invalid extends SessionRejected {
        private final List<Violation> violations;

        public Invalid(List<Violation> violations) {
            super("The request has invalid fields");
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** No such session in this parent's journal (or it was deleted). */
    public static final class NotFound extends SessionRejected {
        public NotFound(UUID sessionId) {
            super("No session " + sessionId);
        }
    }

    /** The client changed an older version than the current one. */
    public static final class VersionMismatch extends SessionRejected {
        private final long currentVersion;

        public VersionMismatch(long expected, long currentVersion) {
            super("The session is at version " + currentVersion + ", not " + expected);
            this.currentVersion = currentVersion;
        }

        public long currentVersion() {
            return currentVersion;
        }
    }

    /** The session would overlap another one of the same type. */
    public static final class Overlap extends SessionRejected {
        private final UUID conflictingSessionId;

        public Overlap(UUID conflictingSessionId, SessionType type) {
            super("It overlaps " + type.name().toLowerCase() + " session " + conflictingSessionId
                    + "; only a pumping and a nursing session may overlap");
            this.conflictingSessionId = conflictingSessionId;
        }

        public UUID conflictingSessionId() {
            return conflictingSessionId;
        }
    }

    /** The idempotency key was used before for a different request. */
    public static final class KeyReused extends SessionRejected {
        public KeyReused() {
            super("This Idempotency-Key was used for a different request");
        }
    }
}
