package app.supplyline.session.journal;

/** The breast a nursing session used. */
public enum Side {
    LEFT,
    RIGHT,
    BOTH
}
