package app.supplyline.analytics.config;

import app.supplyline.analytics.trend.TrendThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The numbers of the supply status (prefix {@code supplyline.trend}). Each one's source, or "product choice", is in
 * docs/domain.md; the defaults here are the production defaults the scenario catalogue tests
 * ({@link TrendThresholds#defaults()} holds the same values).
 */
@ConfigMapping(prefix = "supplyline.trend")
public interface TrendConfig {

    /** Removals a day that count as regular while the baby is younger than {@link #earlyWeeks()}. */
    @WithDefault("8")
    int minRemovalsPerDayEarly();

    /** Removals a day that count as regular later, or when the birth date is unknown. */
    @WithDefault("6")
    int minRemovalsPerDay();

    /** The early weeks: the longest-gap rule applies in them. */
    @WithDefault("12")
    int earlyWeeks();

    /** The longest gap between removals that still counts as regular in the early weeks. */
    @WithDefault("5")
    double maxGapHours();

    /** Change % (C vs B) at or below which regular removal means SEEK_HELP. */
    @WithDefault("-20")
    double seekHelpDropPct();

    /** Change % at or below which regular removal means WATCH (SUPPLY_DIP); above it a level is settled. */
    @WithDefault("-10")
    double watchDipPct();

    /** An episode recovers when C ≥ reference × (1 + this / 100). */
    @WithDefault("-10")
    double recoverAbovePct();

    /** Regular days needed of C's 7 (days without a log are no data). */
    @WithDefault("5")
    int minRegularDays();

    /** Days with data needed in a window before it is judged. */
    @WithDefault("4")
    int minVolumeDays();

    /** Removals a day this much (%) lower in C than in B explain a drop: WATCH, FEWER_REMOVALS. */
    @WithDefault("15")
    double fewerRemovalsPct();

    /** How long a lower level after an episode holds before it is the parent's new normal. */
    @WithDefault("14")
    int newNormalDays();

    /** Day D is judged from local midnight of D+1 plus this, once the parent has logged it. */
    @WithDefault("PT10H")
    Duration completeDayGrace();

    /** The daily pumped volume of "coming to volume". */
    @WithDefault("500")
    double comingToVolumeMl();

    /** The day of life by which coming to volume is expected. */
    @WithDefault("14")
    int comingToVolumeDay();

    /** How long after birth the early milestones are followed. */
    @WithDefault("42")
    int followDays();

    default TrendThresholds thresholds() {
        return new TrendThresholds(minRemovalsPerDayEarly(), minRemovalsPerDay(), earlyWeeks(), maxGapHours(),
                seekHelpDropPct(), watchDipPct(), recoverAbovePct(), minRegularDays(), minVolumeDays(),
                fewerRemovalsPct(), newNormalDays(), completeDayGrace(), comingToVolumeMl(), comingToVolumeDay(),
                followDays());
    }
}
