package app.supplyline.session.journal;

import app.supplyline.session.journal.JournalEvent.NursingSessionLogged;
import app.supplyline.session.journal.JournalEvent.PumpingSessionLogged;
import app.supplyline.session.journal.JournalEvent.SessionCorrected;
import app.supplyline.session.journal.JournalEvent.SessionDeleted;
import app.supplyline.session.journal.SessionDecider.CorrectSession;
import app.supplyline.session.journal.SessionDecider.DeleteSession;
import app.supplyline.session.journal.SessionDecider.LogSession;
import app.supplyline.session.journal.SessionDecider.Session;
import app.supplyline.session.journal.SessionDecider.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static app.supplyline.session.journal.SessionRulesTest.LIMITS;
import static app.supplyline.session.journal.SessionRulesTest.NOW;
import static app.supplyline.session.journal.SessionRulesTest.nursing;
import static app.supplyline.session.journal.SessionRulesTest.pumping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionDeciderTest {

    private static final State EMPTY = new State(Optional.empty(), List.of());
    private final UUID id = UUID.randomUUID();
    private final Instant sevenAm = NOW.minus(Duration.ofHours(2));

    @Test
    void loggingAPumpingSessionYieldsOneEventAndSessionVersionOne() {
        SessionContent content = pumping(sevenAm, "60", "55");
        var events = SessionDecider.decide(new LogSession(id, content), EMPTY, LIMITS, NOW);
        assertEquals(List.of(new PumpingSessionLogged(id, content)), events);
        Session session = SessionDecider.evolve(Optional.empty(), events.get(0));
        assertEquals(1, session.version());
        assertEquals("115", session.content().totalMl().toPlainString());
    }

    @Test
    void loggingANursingSessionYieldsANursingEvent() {
        var events = SessionDecider.decide(new LogSession(id, nursing(sevenAm, Side.LEFT)), EMPTY,
                LIMITS, NOW);
        assertInstanceOf(NursingSessionLogged.class, events.get(0));
    }

    @Test
    void invalidContentYieldsNoEventAndNamesTheFields() {
        SessionRejected.Invalid e = assertThrows(SessionRejected.Invalid.class, () -> SessionDecider.decide(
                new LogSession(id, pumping(sevenAm, null, null)), EMPTY, LIMITS, NOW));
        assertEquals("leftMl", e.violations().get(0).field());
    }

    @Test
    void twoOverlappingPumpingSessionsConflictButPumpingWhileNursingIsFine() {
        Session earlier = new Session(UUID.randomUUID(), 1, pumping(sevenAm, "50", "50"), false);
        State state = new State(Optional.empty(), List.of(earlier));
        SessionRejected.Overlap e = assertThrows(SessionRejected.Overlap.class, () -> SessionDecider.decide(
                new LogSession(id, pumping(sevenAm.plusSeconds(600), "40", "40")), state, LIMITS, NOW));
        assertEquals(earlier.sessionId(), e.conflictingSessionId());

        var events = SessionDecider.decide(new LogSession(id, nursing(sevenAm.plusSeconds(300), Side.RIGHT)),
                state, LIMITS, NOW);
        assertEquals(1, events.size());
    }

    @Test
    void sessionsThatOnlyTouchDoNotOverlap() {
        SessionContent first = pumping(sevenAm, "50", "50");
        State state = new State(Optional.empty(), List.of(new Session(UUID.randomUUID(), 1, first, false)));
        assertEquals(1, SessionDecider.decide(new LogSession(id, pumping(first.endedAt(), "40", "40")), state, LIMITS, NOW).size());
    }

    @Test
    void aDeletedSessionNoLongerBlocksItsTimeSlot() {
        Session deleted = new Session(UUID.randomUUID(), 2, pumping(sevenAm, "50", "50"), true);
        State state = new State(Optional.empty(), List.of(deleted));
        assertEquals(1, SessionDecider.decide(new LogSession(id, pumping(sevenAm, "40", "40")), state, LIMITS, NOW).size());
    }

    @Test
    void correctionNeedsTheCurrentVersionAndYieldsTheNextOne() {
        Session current = new Session(id, 1, pumping(sevenAm, "50", "50"), false);
        State state = new State(Optional.of(current), List.of(current));
        SessionContent fixed = pumping(sevenAm, "70", "50");

        var events = SessionDecider.decide(new CorrectSession(id, 1, fixed), state, LIMITS, NOW);
        assertEquals(List.of(new SessionCorrected(id, 2, fixed)), events);
        assertEquals(fixed, SessionDecider.evolve(Optional.of(current), events.get(0)).content());

        SessionRejected.VersionMismatch stale = assertThrows(SessionRejected.VersionMismatch.class,
                () -> SessionDecider.decide(new CorrectSession(id, 0, fixed), state, LIMITS, NOW));
        assertEquals(1, stale.currentVersion());
    }

    @Test
    void aCorrectionMayMoveASessionWithinItsOwnTimeSlot() {
        Session current = new Session(id, 1, pumping(sevenAm, "50", "50"), false);
        State state = new State(Optional.of(current), List.of(current));
        assertEquals(1, SessionDecider.decide(new CorrectSession(id, 1, pumping(sevenAm.plusSeconds(60), "50", "50")),
                state, LIMITS, NOW).size());
    }

    @Test
    void deletionYieldsADeletedEventAndThenTheSessionIsGone() {
        Session current = new Session(id, 3, pumping(sevenAm, "50", "50"), false);
        var events = SessionDecider.decide(new DeleteSession(id, 3),
                new State(Optional.of(current), List.of()), LIMITS, NOW);
        assertEquals(List.of(new SessionDeleted(id, 4)), events);
        Session after = SessionDecider.evolve(Optional.of(current), events.get(0));
        assertTrue(after.deleted());

        assertThrows(SessionRejected.NotFound.class, () -> SessionDecider.decide(new DeleteSession(id, 4),
                new State(Optional.of(after), List.of()), LIMITS, NOW));
        assertThrows(SessionRejected.NotFound.class, () -> SessionDecider.decide(new CorrectSession(id, 1,
                pumping(sevenAm, "1", "1")), EMPTY, LIMITS, NOW));
    }
}
