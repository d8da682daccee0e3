package app.supplyline.platform.rest;

import app.supplyline.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

import java.util.Optional;

/**
 * A resource's version as its ETag, and the version a client names in If-Match ({@code "3"}, {@code W/"3"} or
 * {@code 3}), for optimistic concurrency: a change made on an older version is refused, not merged.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version If-Match names; 428 when there is none, 412 when it names no version. */
    public static long required(String ifMatch, String what) {
        return optional(ifMatch, what).orElseThrow(() -> new ProblemException(428, "Precondition required",
                "A change of " + what + " needs If-Match with its current ETag", null));
    }

    /** The version If-Match names, if it is sent; 412 when it names no version. */
    public static Optional<Long> optional(String ifMatch, String what) {
        if (ifMatch == null) {
            return Optional.empty();
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Optional.of(Long.parseLong(value.replace("\"", "")));
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "Precondition failed", "If-Match does not name a version of " + what, null);
        }
    }
}
