package app.supplyline.session.journal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * What a parent records about one milk removal. Pumping carries volumes in mL (one decimal) and optionally
 * hands-on, the pump and the flange size (mm); nursing carries the side. {@link SessionRules} checks which
 * combination is valid.
 */
public record SessionContent(SessionType type, Instant startedAt, Instant endedAt, BigDecimal leftMl,
        BigDecimal rightMl, Boolean handsOn, String pump, BigDecimal flangeSizeMm, Side side, String notes) {

    /** Total volume removed; zero for nursing. */
    public BigDecimal totalMl() {
        BigDecimal left = leftMl == null ? BigDecimal.ZERO : leftMl;
        BigDecimal right = rightMl == null ? BigDecimal.ZERO : rightMl;
        return left.add(right);
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    /** Whether the two sessions share any instant (touching end to start is not an overlap). */
    public boolean overlaps(SessionContent other) {
        return startedAt.isBefore(other.endedAt) && other.startedAt.isBefore(endedAt);
    }

    /** Pumping while nursing on the other side is real; two pumpings or two nursings at once are not. */
    public boolean mayOverlap(SessionContent other) {
        return type != other.type;
    }
}
