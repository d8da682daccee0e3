package app.supplyline.analytics.trend;

/**
 * Which regularity rules apply. EARLY: while the baby is younger than the early weeks (or, with the birth date
 * unknown, in the parent's first early weeks of using Supplyline), a day is regular with enough removals and no gap
 * longer than the maximum. ESTABLISHED: later, a day is regular with enough removals; a long night is fine.
 */
public enum RuleSet {
    EARLY,
    ESTABLISHED
}
