package app.supplyline.session.journal;

/** A profile with its version: how many times the parent set it (0 for the defaults of a parent who never did). */
public record VersionedProfile(Profile profile, long version) {
}
