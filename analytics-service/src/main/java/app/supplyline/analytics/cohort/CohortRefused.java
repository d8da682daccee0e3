package app.supplyline.analytics.cohort;

/** Why a cohort or consent command was refused. Each kind maps to one HTTP status at the boundary ({@link CohortProblems}). */
public sealed abstract class CohortRefused extends RuntimeException {

    protected CohortRefused(String message) {
        super(message, null, false, false);
    }

    /**
     * No such cohort, consent or patient for this viewer: another clinician's cohort, a revoked consent and one
     * that never existed read the same.
     */
    public static final class NotFound extends CohortRefused {
        public NotFound(String what) {
            super("No such " + what);
        }
    }

    /** The typed invite code is not of the form ABCDE-FGHJK. */
    public static final class MalformedInviteCode extends CohortRefused {
        public MalformedInviteCode() {
            super("must be an invite code like ABCDE-FGHJK");
        }
    }

    /** A well-formed code that no cohort has (mistyped, or rotated by the clinician). */
    public static final class UnknownInviteCode extends CohortRefused {
        public UnknownInviteCode() {
            super("No cohort has this invite code; ask your clinician for the current one");
        }
    }
}
