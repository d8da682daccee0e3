package app.supplyline.analytics.trend;

import java.time.LocalDate;
import java.util.List;

/**
 * What one evaluation of a parent hands to the next: the status and its reasons, and, during a SEEK_HELP episode,
 * the lower level after it and a gap of the data in either, the reference level (B's level when the episode began, of
 * {@code referenceKind}) and {@code phaseSince}, the first day judged at the lower level or without data; whether
 * the day-14 milestone was announced. {@code cause}: the transition
 * that led to the status, kept while the status lasts, so that evaluating again explains it the same way.
 */
public record StatusState(SupplyStatus status, List<StatusReason> reasons, Transition cause, Double referenceLevel,
        LevelKind referenceKind, LocalDate phaseSince, boolean milestoneAnnounced) {

    public static final StatusState INITIAL = new StatusState(SupplyStatus.INSUFFICIENT_DATA, List.of(), null, null,
            null, null, false);

    public StatusState {
        reasons = List.copyOf(reasons);
    }

    /** In a SEEK_HELP episode, at the lower level after one or in a gap of either: judged against the reference. */
    public boolean followsReference() {
        return referenceLevel != null;
    }
}
