package app.supplyline.session.journal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRulesTest {

    static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
    static final SessionLimits LIMITS = SessionLimits.defaults();

    /** A 20-minute morning pumping, both sides, as parents log it. */
    static SessionContent pumping(Instant start, String left, String right) {
        return new SessionContent(SessionType.PUMPING, start, start.plus(Duration.ofMinutes(20)),
                left == null ? null : new BigDecimal(left), right == null ? null : new BigDecimal(right),
                true, "Spectra S1", new BigDecimal("24"), null, null);
    }

    static SessionContent nursing(Instant start, Side side) {
        return new SessionContent(SessionType.NURSING, start, start.plus(Duration.ofMinutes(15)), null, null, null,
                null, null, side, null);
    }

    private static List<Violation> check(SessionContent s) {
        return SessionRules.check(s, LIMITS, NOW);
    }

    private static void assertOnly(String field, List<Violation> violations) {
        assertEquals(1, violations.size(), violations.toString());
        assertEquals(field, violations.get(0).field(), violations.toString());
    }

    @Test
    void acceptsARealisticPumpingAndNursingSession() {
        assertTrue(check(pumping(NOW.minus(Duration.ofHours(2)), "60", "55.5")).isEmpty());
        assertTrue(check(pumping(NOW.minus(Duration.ofHours(2)), "0", null)).isEmpty(), "one side only, even 0 mL");
        assertTrue(check(nursing(NOW.minus(Duration.ofHours(1)), Side.BOTH)).isEmpty());
    }

    @Test
    void refusesAnEndBeforeTheStart() {
        Instant start = NOW.minus(Duration.ofHours(1));
        SessionContent s = new SessionContent(SessionType.PUMPING, start, start.minusSeconds(60), BigDecimal.TEN, null,
                null, null, null, null, null);
        assertOnly("endedAt", check(s));
    }

    @Test
    void refusesASessionLongerThanThreeHours() {
        Instant start = NOW.minus(Duration.ofHours(5));
        SessionContent s = new SessionContent(SessionType.NURSING, start, start.plus(Duration.ofMinutes(181)), null,
                null, null, null, null, Side.LEFT, null);
        assertOnly("endedAt", check(s));
    }

    @Test
    void refusesAStartMoreThanFiveMinutesAheadButToleratesClockSkew() {
        assertOnly("startedAt", check(pumping(NOW.plus(Duration.ofMinutes(6)), "50", "50")));
        assertTrue(check(pumping(NOW.plus(Duration.ofMinutes(4)), "50", "50")).isEmpty());
    }

    @Test
    void refusesAStartOlderThanAYear() {
        assertOnly("startedAt", check(pumping(NOW.minus(Duration.ofDays(400)), "50", "50")));
    }

    @Test
    void refusesNegativeAndOversizedVolumes() {
        assertOnly("leftMl", check(pumping(NOW.minus(Duration.ofHours(1)), "-1", "50")));
        assertOnly("rightMl", check(pumping(NOW.minus(Duration.ofHours(1)), "50", "500.1")));
    }

    @Test
    void refusesMoreThanOneDecimalOfAMillilitre() {
        assertOnly("leftMl", check(pumping(NOW.minus(Duration.ofHours(1)), "50.25", "50")));
        assertTrue(check(pumping(NOW.minus(Duration.ofHours(1)), "50.50", "50.0")).isEmpty(), "trailing zeros are fine");
    }

    @Test
    void refusesAPumpingSessionWithoutAnyVolume() {
        assertOnly("leftMl", check(pumping(NOW.minus(Duration.ofHours(1)), null, null)));
    }

    @Test
    void refusesANursingSessionWithVolumesOrWithoutASide() {
        Instant start = NOW.minus(Duration.ofHours(1));
        SessionContent withVolume = new SessionContent(SessionType.NURSING, start, start.plusSeconds(600),
                BigDecimal.ONE, null, null, null, null, Side.LEFT, null);
        assertOnly("leftMl", check(withVolume));
        assertOnly("side", check(nursing(start, null)));
    }

    @Test
    void refusesNotesOverAThousandCharacters() {
        Instant start = NOW.minus(Duration.ofHours(1));
        SessionContent s = new SessionContent(SessionType.NURSING, start, start.plusSeconds(600), null, null, null,
                null, null, Side.LEFT, "x".repeat(1001));
        assertOnly("notes", check(s));
    }

    @Test
    void aFlangeSizeIsForPumpingFromTenToFortyMillimetresWithOneDecimalAtMost() {
        Instant start = NOW.minus(Duration.ofHours(1));
        for (String fine : new String[] {"10", "21.5", "24", "40.0"}) {
            assertTrue(check(withFlange(pumping(start, "60", "50"), fine)).isEmpty(), fine);
        }
        for (String refused : new String[] {"9.9", "40.1", "24.25", "-24", "0"}) {
            assertOnly("flangeSizeMm", check(withFlange(pumping(start, "60", "50"), refused)));
        }
        assertOnly("flangeSizeMm", check(withFlange(nursing(start, Side.LEFT), "24")));
    }

    private static SessionContent withFlange(SessionContent s, String mm) {
        return new SessionContent(s.type(), s.startedAt(), s.endedAt(), s.leftMl(), s.rightMl(), s.handsOn(), s.pump(),
                new BigDecimal(mm), s.side(), s.notes());
    }
}
