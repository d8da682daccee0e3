package app.supplyline.analytics.rebuild;

import java.util.Set;

/**
 * Why a projection rebuild did not start; nothing was changed. Every kind is a conflict with the state of this
 * instance (409 at the boundary), so the operator can try again later.
 */
public final class RebuildRefused extends RuntimeException {

    private final String reason;

    private RebuildRefused(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** A short title for the refusal, e.g. "Rebuild already running". */
    public String reason() {
        return reason;
    }

    static RebuildRefused alreadyRunning() {
        return new RebuildRefused("Rebuild already running",
                "A projection rebuild is replaying the topic; wait for it to finish (GET /api/admin/rebuild).");
    }

    static RebuildRefused consumerNotReady() {
        return new RebuildRefused("Consumer not ready", "This instance has no consumer of the sessions topic yet.");
    }

    static RebuildRefused partitionsMoving(String topic) {
        return new RebuildRefused("Partitions moving", "The consumers of " + topic
                + " are being rebalanced; try again in a few seconds. Nothing was changed.");
    }

    /** Another instance, or a client of this one not assigned yet, holds {@code missing} (all when empty). */
    static RebuildRefused heldElsewhere(String topic, Set<?> missing) {
        return new RebuildRefused("Partitions held elsewhere", "A rebuild replays every partition of " + topic
                + " and this instance does not hold " + (missing.isEmpty() ? "any yet" : missing)
                + "; run a single analytics instance and try again once its consumers hold them all. Nothing was changed.");
    }
}
