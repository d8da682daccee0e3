package app.supplyline.analytics.config;

import app.supplyline.analytics.trend.TrendThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The thresholds of the supply status (prefix {@code supplyline.trend}); the defaults and the reasoning behind them
 * are in DOMAIN.md and the README. SEEK_HELP at a fall of 20 % despite regular removal is a product decision, not
 * a clinical standard.
 */
@ConfigMapping(prefix = "supplyline.trend")
public interface TrendConfig {

    /** Removals a day that count as regular while the baby is younger than {@link #earlyWeeks()}. */
    @WithDefault("8")
    int minRemovalsPerDayEarly();

    /** Removals a day that count as regular later, or when the birth date is unknown. */
    @WithDefault("6")
    int minRemovalsPerDay();

    @WithDefault("12")
    int earlyWeeks();

    /** The longest gap between removals that still counts as regular. */
    @WithDefault("5")
    double maxGapHours();

    /** Change % (C vs B) at or below which regular removal means SEEK_HELP. */
    @WithDefault("-20")
    double seekHelpDropPct();

    /** Change % at or below which regular removal means WATCH (SUPPLY_DIP). */
    @WithDefault("-10")
    double watchDipPct();

    /** A parent in SEEK_HELP leaves it only when the change is above this. */
    @WithDefault("-10")
    double recoverAbovePct();

    /** Regular days in C needed for removal to count as regular. */
    @WithDefault("5")
    int minRegularDays();

    /** Days with pumped volume needed in each of C and B, else INSUFFICIENT_DATA. */
    @WithDefault("4")
    int minVolumeDays();

    default TrendThresholds thresholds() {
        return new TrendThresholds(minRemovalsPerDayEarly(), minRemovalsPerDay(), earlyWeeks(), maxGapHours(),
                seekHelpDropPct(), watchDipPct(), recoverAbovePct(), minRegularDays(), minVolumeDays());
    }
}
