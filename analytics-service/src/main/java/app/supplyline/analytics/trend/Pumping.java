package app.supplyline.analytics.trend;

import java.time.Instant;

/**
 * One pumping as the insights compare them: its volume (both sides) and its setup when the parent gave it —
 * hands-on pumping, the pump's name as written, the flange size in mm.
 */
public record Pumping(Instant startedAt, double totalMl, Boolean handsOn, String pump, Double flangeSizeMm) {
}
