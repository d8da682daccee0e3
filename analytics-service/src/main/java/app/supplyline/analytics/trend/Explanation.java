package app.supplyline.analytics.trend;

import java.time.LocalDate;

/**
 * The numbers behind a status, so that a parent and a clinician can see why: the windows, the judged levels (of
 * {@code levelKind}), the episode's reference when there is one, the changes, the days with volume, removals a
 * day now and before, the longest gap, the rule set and feeding mode applied, and the main reason with what the
 * change meant for an episode. {@code loggedDays}: days of C with a log, {@code regularDays} of them regular.
 */
public record Explanation(LocalDate currentFrom, LocalDate currentTo, LocalDate baselineFrom, LocalDate baselineTo,
        FeedingMode feedingMode, boolean reducingOnPurpose, RuleSet ruleSet, LevelKind levelKind, Double currentLevel,
        Double baselineLevel, Double changePct, Double referenceLevel, Double changeFromReferencePct,
        int volumeDaysCurrent, int volumeDaysBaseline, double removalsPerDay, Double baselineRemovalsPerDay,
        int loggedDays, int regularDays, Integer longestGapMinutes, SupplyStatus status, StatusReason reason,
        Transition transition) {

    /** Days of C with a log that were not regular. */
    public int irregularDays() {
        return loggedDays - regularDays;
    }

    /** {@code cause}: the transition that led to the status, this time or when it began. */
    static Explanation of(TrendMetrics m, ParentProfile profile, StatusState previous,
            SupplyStatusRules.Assessment a, Transition cause) {
        Double reference = a.referenceLevel() != null ? a.referenceLevel() : previous.referenceLevel();
        boolean comparable = reference != null && m.currentLevel() != null
                && (a.referenceKind() != null ? a.referenceKind() : previous.referenceKind()) == m.levelKind();
        Double fromReference = comparable && reference > 0
                ? SupplyTrendCalculator.round1((m.currentLevel() - reference) / reference * 100) : null;
        return new Explanation(m.currentFrom(), m.currentTo(), m.baselineFrom(), m.baselineTo(), profile.mode(),
                profile.reducingOnPurpose(), m.ruleSet(), m.levelKind(), m.currentLevel(), m.baselineLevel(),
                m.levelChangePct(), reference, fromReference, m.volumeDaysCurrent(), m.volumeDaysBaseline(),
                m.removalsPerDay(), m.baselineRemovalsPerDay(), m.loggedDaysCurrent(), m.regularDays(),
                m.longestGapMinutes(), a.status(),
                a.reasons().isEmpty() ? null : a.reasons().get(0), cause);
    }
}
