package app.supplyline.platform.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose requests may be larger than {@code supplyline.http.max-body-size} (default 64 KiB), up
 * to Quarkus' own limit {@code quarkus.http.limits.max-body-size} (1 MiB): batches.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LargeBody {
}
