package app.supplyline.session.journal;

import java.util.UUID;

/**
 * What happened in a parent's journal, one stream per parent. Events are immutable facts; the event store adds
 * their envelope (event id, parent id, stream version, occurredAt, recordedAt, schema version).
 */
public sealed interface JournalEvent
        permits JournalEvent.SessionEvent, JournalEvent.CheckInLogged, JournalEvent.ProfileUpdated,
        JournalEvent.ParentErased {

    /** The CloudEvents type, e.g. {@code app.supplyline.session.pumping-logged.v1}. */
    String type();

    /** Version of this event's JSON schema; a breaking change makes a new type, not a new version here. */
    default int schemaVersion() {
        return 1;
    }

    /** An event about one milk-removal session. */
    sealed interface SessionEvent extends JournalEvent
            permits PumpingSessionLogged, NursingSessionLogged, SessionCorrected, SessionDeleted {
        UUID sessionId();
    }

    /** The wellbeing factors of one local day; a later check-in for the same date replaces it. */
    record CheckInLogged(CheckIn checkIn) implements JournalEvent {
        /** Version 2 seals the personal fields in {@code personal} and leaves notes out (ADR-010). */
        @Override
        public int schemaVersion() {
            return 2;
        }

        public static final String TYPE = "app.supplyline.session.check-in-logged.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The parent's whole profile as it now stands (timezone first: it defines the parent's local days). */
    record ProfileUpdated(Profile profile) implements JournalEvent {
        public static final String TYPE = "app.supplyline.session.profile-updated.v1";

        @Override
        public String type() {
            return TYPE;
        }

        /**
         * Version 2 added the optional {@code reducingOnPurpose} (absent means false); version 3 seals the birth date
         * in {@code personal}. Older readers skip what they do not know.
         */
        @Override
        public int schemaVersion() {
            return 3;
        }
    }

    /**
     * The parent deleted their account: the last event of their stream. Consumers forget them; their data key is
     * tombstoned, so their earlier events' personal fields cannot be opened any more (ADR-010).
     */
    record ParentErased() implements JournalEvent {
        public static final String TYPE = "app.supplyline.session.parent-erased.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A pumping session was logged: its volumes count toward supply, the session toward removal frequency. */
    record PumpingSessionLogged(UUID sessionId, SessionContent session) implements SessionEvent {
        /** Version 2 seals the personal fields in {@code personal} and leaves notes out (ADR-010). */
        @Override
        public int schemaVersion() {
            return 2;
        }

        public static final String TYPE = "app.supplyline.session.pumping-logged.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A nursing session was logged: a removal without a volume. */
    record NursingSessionLogged(UUID sessionId, SessionContent session) implements SessionEvent {
        /** Version 2 seals the personal fields in {@code personal} and leaves notes out (ADR-010). */
        @Override
        public int schemaVersion() {
            return 2;
        }

        public static final String TYPE = "app.supplyline.session.nursing-logged.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** A session's whole content was replaced; {@code sessionVersion} is its new version (2, 3, …). */
    record SessionCorrected(UUID sessionId, long sessionVersion, SessionContent session) implements SessionEvent {
        /** Version 2 seals the personal fields in {@code personal} and leaves notes out (ADR-010). */
        @Override
        public int schemaVersion() {
            return 2;
        }

        public static final String TYPE = "app.supplyline.session.session-corrected.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * A session was withdrawn by the parent; its earlier events stay in the journal (without its notes, which were
     * never in them).
     */
    record SessionDeleted(UUID sessionId, long sessionVersion) implements SessionEvent {
        public static final String TYPE = "app.supplyline.session.session-deleted.v1";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
