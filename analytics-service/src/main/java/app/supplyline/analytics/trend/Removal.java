package app.supplyline.analytics.trend;

import java.time.Instant;

/** One milk removal as analytics sees it: when, and the volume if it was a pumping (0 for nursing). */
public record Removal(Instant startedAt, Instant endedAt, boolean pumping, double leftMl, double rightMl) {

    public double totalMl() {
        return leftMl + rightMl;
    }
}
