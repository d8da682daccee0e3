package app.supplyline.analytics.trend;

import java.util.List;

/** Decides a parent's status from their metrics and their previous status (for hysteresis); pure. */
public final class SupplyStatusRules {

    private SupplyStatusRules() {
    }

    /** A status and the reasons behind it (empty for STABLE and INSUFFICIENT_DATA). */
    public record Assessment(SupplyStatus status, List<StatusReason> reasons) {
    }

    /**
     * The table of issue 4, in order: too little data; a drop despite regular removal (SEEK_HELP); irregular removal
     * (WATCH, FREQUENCY_LOW); a dip with regular removal (WATCH, SUPPLY_DIP); else STABLE. Hysteresis: a parent in
     * SEEK_HELP stays there until the change is above {@code recoverAbovePct} (−10 %), with FREQUENCY_LOW added when
     * removal became irregular meanwhile — the advice to seek help stays valid, and leaving the episode would tell
     * the parent they had recovered.
     */
    public static Assessment assess(TrendMetrics m, SupplyStatus previous, TrendThresholds t) {
        if (m.volumeDaysCurrent() < t.minVolumeDays() || m.volumeDaysBaseline() < t.minVolumeDays()
                || m.changePct() == null) {
            return new Assessment(SupplyStatus.INSUFFICIENT_DATA, List.of());
        }
        boolean regular = m.regularDays() >= t.minRegularDays();
        double change = m.changePct();
        if (previous == SupplyStatus.SEEK_HELP && change <= t.recoverAbovePct()) {
            return new Assessment(SupplyStatus.SEEK_HELP, regular ? List.of(StatusReason.SUPPLY_DROP)
                    : List.of(StatusReason.SUPPLY_DROP, StatusReason.FREQUENCY_LOW));
        }
        if (regular && change <= t.seekHelpDropPct()) {
            return new Assessment(SupplyStatus.SEEK_HELP, List.of(StatusReason.SUPPLY_DROP));
        }
        if (!regular) {
            return new Assessment(SupplyStatus.WATCH, List.of(StatusReason.FREQUENCY_LOW));
        }
        if (change <= t.watchDipPct()) {
            return new Assessment(SupplyStatus.WATCH, List.of(StatusReason.SUPPLY_DIP));
        }
        return new Assessment(SupplyStatus.STABLE, List.of());
    }
}
