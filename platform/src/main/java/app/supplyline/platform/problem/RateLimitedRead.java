package app.supplyline.platform.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read that costs the service real work (a trend over months, an export, a cohort page): it spends one token of the
 * caller's read quota ({@link WriteRateLimiter}), apart from the write quota.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimitedRead {
}
