package app.supplyline.session.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The rules one session's content must follow, whatever else is in the journal. */
public final class SessionRules {

    /** Flanges (breast shields) are sold from about 13 to 36 mm; the range leaves room for inserts and hospital sets. */
    static final BigDecimal MIN_FLANGE_MM = BigDecimal.TEN;
    static final BigDecimal MAX_FLANGE_MM = new BigDecimal("40");

    private SessionRules() {
    }

    /**
     * Every rule the content breaks, as field paths and plain messages; empty when valid. The request's shape is
     * checked before: a type, a start and an end are there.
     */
    public static List<Violation> check(SessionContent s, SessionLimits limits, Instant now) {
        List<Violation> v = new ArrayList<>();
        if (!s.endedAt().isAfter(s.startedAt())) {
            v.add(new Violation("endedAt", "must be after startedAt"));
        } else if (s.duration().compareTo(limits.maxDuration()) > 0) {
            v.add(new Violation("endedAt", "a session lasts at most " + limits.maxDuration().toMinutes() + " minutes"));
        }
        if (s.startedAt().isAfter(now.plus(limits.maxFutureSkew()))) {
            v.add(new Violation("startedAt", "must not be in the future"));
        }
        if (s.startedAt().isBefore(now.minus(limits.maxAge()))) {
            v.add(new Violation("startedAt", "must be within the last " + limits.maxAge().toDays() + " days"));
        }
        if (s.type() == SessionType.PUMPING) {
            if (s.leftMl() == null && s.rightMl() == null) {
                v.add(new Violation("leftMl", "a pumping session needs leftMl, rightMl or both (0 is allowed)"));
            }
            checkVolume("leftMl", s.leftMl(), limits, v);
            checkVolume("rightMl", s.rightMl(), limits, v);
            if (s.side() != null) {
                v.add(new Violation("side", "is for nursing sessions; a pumping session has leftMl and rightMl"));
            }
            if (s.pump() != null && s.pump().length() > limits.maxPumpLength()) {
                v.add(new Violation("pump", "must be at most " + limits.maxPumpLength() + " characters"));
            }
            if (s.flangeSizeMm() != null && (s.flangeSizeMm().compareTo(MIN_FLANGE_MM) < 0
                    || s.flangeSizeMm().compareTo(MAX_FLANGE_MM) > 0 || s.flangeSizeMm().stripTrailingZeros().scale() > 1)) {
                v.add(new Violation("flangeSizeMm", "must be from " + MIN_FLANGE_MM + " to " + MAX_FLANGE_MM
                        + " mm, with at most one decimal"));
            }
        }
        if (s.type() == SessionType.NURSING) {
            if (s.side() == null) {
                v.add(new Violation("side", "is required for a nursing session: LEFT, RIGHT or BOTH"));
            }
            if (s.leftMl() != null) {
                v.add(new Violation("leftMl", "a nursing session has no volume"));
            }
            if (s.rightMl() != null) {
                v.add(new Violation("rightMl", "a nursing session has no volume"));
            }
            if (s.handsOn() != null) {
                v.add(new Violation("handsOn", "is for pumping sessions"));
            }
            if (s.pump() != null) {
                v.add(new Violation("pump", "is for pumping sessions"));
            }
            if (s.flangeSizeMm() != null) {
                v.add(new Violation("flangeSizeMm", "is for pumping sessions"));
            }
        }
        if (s.notes() != null && s.notes().length() > limits.maxNotesLength()) {
            v.add(new Violation("notes", "must be at most " + limits.maxNotesLength() + " characters"));
        }
        return v;
    }

    private static void checkVolume(String field, BigDecimal ml, SessionLimits limits, List<Violation> v) {
        if (ml == null) {
            return;
        }
        if (ml.stripTrailingZeros().scale() > 1) {
            v.add(new Violation(field, "must have at most one decimal (mL)"));
        } else if (ml.signum() < 0) {
            v.add(new Violation(field, "must not be negative"));
        } else if (ml.compareTo(limits.maxVolumePerSideMl()) > 0) {
            v.add(new Violation(field, "must be at most " + limits.maxVolumePerSideMl().toPlainString() + " mL"));
        }
    }
}
