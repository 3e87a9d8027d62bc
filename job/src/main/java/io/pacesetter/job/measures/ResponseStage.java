package io.pacesetter.job.measures;

/** What one RESPONSE outcome counts (docs/contracts.md, "Dispatch and travel", "Late downgrades"). */
public enum ResponseStage {
    /** Clock start to first dispatch, counted at the dispatch. */
    DISPATCH,
    /** First dispatch to first arrival, counted at the arrival. */
    TRAVEL,
    /** Downgraded within alerts.lateDowngradeWithin of its deadline, or after it, with nobody on scene. */
    LATE_DOWNGRADE,
    /** Cancelled likewise. */
    LATE_CANCELLATION
}
