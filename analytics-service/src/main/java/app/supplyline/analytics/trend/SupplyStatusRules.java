package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a parent's status from their metrics and what the previous evaluation handed over; pure. The whole table,
 * with the reasoning behind each row, is in docs/domain.md and ADR-007.
 */
public final class SupplyStatusRules {

    private SupplyStatusRules() {
    }

    /**
     * A status, its reasons (the first is the main one), what it means for an episode, and what the next evaluation
     * needs: the reference level and the first day of the current phase (at the lower level, or without data).
     */
    public record Assessment(SupplyStatus status, List<StatusReason> reasons, Transition transition,
            Double referenceLevel, LevelKind referenceKind, LocalDate phaseSince) {

        public Assessment {
            reasons = List.copyOf(reasons);
        }

        static Assessment of(SupplyStatus status, StatusReason... reasons) {
            return new Assessment(status, List.of(reasons), null, null, null, null);
        }

        Assessment with(Transition t) {
            return new Assessment(status, reasons, t, referenceLevel, referenceKind, phaseSince);
        }

        Assessment following(Double reference, LevelKind kind, LocalDate since) {
            return new Assessment(status, reasons, transition, reference, kind, since);
        }
    }

    public static Assessment assess(TrendMetrics m, StatusState previous, boolean reducingOnPurpose,
            TrendThresholds t) {
        Facts f = new Facts(m, t);
        if (previous.followsReference()) {
            Assessment episode = againstReference(f, previous, reducingOnPurpose, t);
            if (episode != null) {
                return episode;
            }
            Assessment fresh = fresh(f, previous, reducingOnPurpose, t);
            return fresh.transition() == null ? fresh.with(Transition.NEW_NORMAL) : fresh;
        }
        return fresh(f, previous, reducingOnPurpose, t);
    }

    /** What the metrics say, before any rule. */
    private record Facts(TrendMetrics m, boolean judgesFrequency, boolean regular, boolean volumeNow,
            boolean volumeBefore, boolean fewerRemovals) {

        Facts(TrendMetrics m, TrendThresholds t) {
            this(m, m.loggedDaysCurrent() >= t.minVolumeDays(),
                    m.loggedDaysCurrent() >= t.minVolumeDays()
                            && m.irregularDays() <= SupplyTrendCalculator.WINDOW_DAYS - t.minRegularDays(),
                    m.levelKind() != null && m.volumeDaysCurrent() >= t.minVolumeDays() && m.currentLevel() != null,
                    m.levelKind() != null && m.volumeDaysCurrent() >= t.minVolumeDays()
                            && m.volumeDaysBaseline() >= t.minVolumeDays() && m.levelChangePct() != null,
                    m.baselineRemovalsPerDay() != null && m.loggedDaysCurrent() > 0
                            && m.removalsPerDay() <= m.baselineRemovalsPerDay() * (1 - t.fewerRemovalsPct() / 100));
        }

        List<StatusReason> plusFrequency(StatusReason main) {
            List<StatusReason> reasons = new ArrayList<>(List.of(main));
            if (judgesFrequency && !regular) {
                reasons.add(StatusReason.FREQUENCY_LOW);
            }
            return reasons;
        }
    }

    /**
     * In an episode (SEEK_HELP), at the lower level after one (WATCH, LOWER_LEVEL), or in a gap of the data during
     * either (INSUFFICIENT_DATA, NO_RECENT_DATA), C is judged against the reference: recovered only when back within
     * the margin of it. Null when the lower level has held long enough to be the new normal, so the parent is judged
     * afresh.
     */
    private static Assessment againstReference(Facts f, StatusState previous, boolean reducingOnPurpose,
            TrendThresholds t) {
        TrendMetrics m = f.m();
        LocalDate judged = m.currentTo();
        double reference = previous.referenceLevel();
        LevelKind kind = previous.referenceKind();
        boolean wasGap = previous.status() == SupplyStatus.INSUFFICIENT_DATA;
        if (reducingOnPurpose) {
            return Assessment.of(SupplyStatus.STABLE, StatusReason.PLANNED_REDUCTION).with(Transition.PLANNED_REDUCTION);
        }
        if (m.levelKind() != kind) {
            // the feeding mode changed: the new level cannot be compared with the reference any more
            return new Assessment(SupplyStatus.INSUFFICIENT_DATA, List.of(StatusReason.NO_RECENT_DATA),
                    wasGap ? null : Transition.NO_RECENT_DATA, null, null, null);
        }
        if (!f.volumeNow()) {
            if (!wasGap) {
                return new Assessment(SupplyStatus.INSUFFICIENT_DATA, List.of(StatusReason.NO_RECENT_DATA),
                        Transition.NO_RECENT_DATA, reference, kind, judged);
            }
            LocalDate since = previous.phaseSince() == null ? judged : previous.phaseSince();
            boolean expired = !judged.isBefore(since.plusDays(t.newNormalDays()));
            return new Assessment(SupplyStatus.INSUFFICIENT_DATA, List.of(StatusReason.NO_RECENT_DATA), null,
                    expired ? null : reference, expired ? null : kind, expired ? null : since);
        }
        if (m.currentLevel() >= reference * (1 + t.recoverAbovePct() / 100)) {
            Assessment after = f.judgesFrequency() && !f.regular()
                    ? Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW)
                    : Assessment.of(SupplyStatus.STABLE);
            return after.with(Transition.RECOVERED);
        }
        if (previous.status() == SupplyStatus.SEEK_HELP) {
            boolean settled = f.volumeBefore() && m.levelChangePct() > t.watchDipPct();
            if (settled) {
                return new Assessment(SupplyStatus.WATCH, f.plusFrequency(StatusReason.LOWER_LEVEL),
                        Transition.LOWER_LEVEL, reference, kind, judged);
            }
            return new Assessment(SupplyStatus.SEEK_HELP, f.plusFrequency(StatusReason.SUPPLY_DROP), null, reference,
                    kind, null);
        }
        // at the lower level, or volumes back after a gap: a new fall is a new episode
        if (f.volumeBefore() && f.regular() && !f.fewerRemovals() && m.levelChangePct() <= t.seekHelpDropPct()) {
            return episode(m, f);
        }
        if (wasGap) {
            return new Assessment(SupplyStatus.WATCH, f.plusFrequency(StatusReason.LOWER_LEVEL), Transition.LOWER_LEVEL,
                    reference, kind, judged);
        }
        // a level still falling has not settled: the new normal counts from when it stops
        boolean falling = f.volumeBefore() && m.levelChangePct() <= t.watchDipPct();
        LocalDate since = falling || previous.phaseSince() == null ? judged : previous.phaseSince();
        if (!judged.isBefore(since.plusDays(t.newNormalDays()))) {
            return null;
        }
        return new Assessment(SupplyStatus.WATCH, f.plusFrequency(StatusReason.LOWER_LEVEL), null, reference, kind,
                since);
    }

    /** Rules without an episode: too little data, a planned reduction, frequency, then the week-over-week change. */
    private static Assessment fresh(Facts f, StatusState previous, boolean reducingOnPurpose, TrendThresholds t) {
        TrendMetrics m = f.m();
        boolean drop = f.volumeBefore() && m.levelChangePct() <= t.watchDipPct();
        boolean irregular = f.judgesFrequency() && !f.regular();
        if (reducingOnPurpose && (f.volumeBefore() || f.judgesFrequency())) {
            // weaning or a planned reduction: fewer removals and less milk are the plan, not a problem
            return drop || irregular ? Assessment.of(SupplyStatus.STABLE, StatusReason.PLANNED_REDUCTION)
                    : Assessment.of(SupplyStatus.STABLE);
        }
        if (!f.volumeBefore()) {
            if (irregular) {
                return Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW);
            }
            if (m.levelKind() == null && f.judgesFrequency()) {
                return Assessment.of(SupplyStatus.STABLE); // mostly nursing, removing regularly
            }
            boolean hadData = previous.status() != SupplyStatus.INSUFFICIENT_DATA
                    || previous.reasons().contains(StatusReason.NO_RECENT_DATA);
            return hadData ? Assessment.of(SupplyStatus.INSUFFICIENT_DATA, StatusReason.NO_RECENT_DATA)
                    : Assessment.of(SupplyStatus.INSUFFICIENT_DATA);
        }
        if (drop && f.fewerRemovals()) {
            return new Assessment(SupplyStatus.WATCH, f.plusFrequency(StatusReason.FEWER_REMOVALS), null, null, null,
                    null);
        }
        if (irregular) {
            return Assessment.of(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW);
        }
        if (m.levelChangePct() <= t.seekHelpDropPct()) {
            return episode(m, f);
        }
        return drop ? Assessment.of(SupplyStatus.WATCH, StatusReason.SUPPLY_DIP) : Assessment.of(SupplyStatus.STABLE);
    }

    /** A new SEEK_HELP episode; its reference is B's level, the level before the drop. */
    private static Assessment episode(TrendMetrics m, Facts f) {
        return new Assessment(SupplyStatus.SEEK_HELP, List.of(StatusReason.SUPPLY_DROP), Transition.EPISODE_STARTED,
                m.baselineLevel(), m.levelKind(), null);
    }
}
