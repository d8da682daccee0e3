package app.supplyline.platform.work;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures every {@link Backlog} of the service every {@code supplyline.backlog.sample-interval}: the age of its
 * oldest due item is the gauge {@code supplyline_backlog_age_seconds{backlog}} (0 when nothing is due), and the
 * readiness check {@code background-work} shows each age and a state: {@code OK}, or {@code DEGRADED} when an age
 * exceeds {@code supplyline.backlog.degraded-after} or a backlog could not be measured lately. Readiness stays UP
 * while degraded: a late queue is a reason to look (and alert), not to take the instance out of service — which
 * would only make the queue later.
 */
@ApplicationScoped
@Readiness
public class Backlogs implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(Backlogs.class);

    private record Sample(Instant measuredAt, double ageSeconds, String error) {
    }

    private final List<Backlog> backlogs;
    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Duration degradedAfter;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicBoolean sampling = new AtomicBoolean();
    private long timer = -1;

    public Backlogs(Instance<Backlog> backlogs, Pool pool, Vertx vertx, MeterRegistry registry, Clock clock,
            @ConfigProperty(name = "supplyline.backlog.sample-interval", defaultValue = "PT5S") Duration interval,
            @ConfigProperty(name = "supplyline.backlog.degraded-after", defaultValue = "PT5M") Duration degradedAfter) {
        this.backlogs = backlogs.stream().toList();
        this.pool = pool;
        this.vertx = vertx;
        this.registry = registry;
        this.clock = clock;
        this.interval = interval;
        this.degradedAfter = degradedAfter;
    }

    void start(@Observes StartupEvent event) {
        for (Backlog b : backlogs) {
            Gauge.builder("supplyline.backlog.age.seconds", samples, s -> {
                        Sample sample = s.get(b.name());
                        return sample == null ? Double.NaN : sample.ageSeconds();
                    })
                    .description("Age of the oldest due item of a background queue (0: nothing due)")
                    .tag("backlog", b.name()).baseUnit("seconds").register(registry);
        }
        if (!backlogs.isEmpty()) {
            timer = vertx.setPeriodic(1, interval.toMillis(), id -> {
                if (sampling.compareAndSet(false, true)) { // a slow database must not pile samples up
                    sample().onTermination().invoke(() -> sampling.set(false)).subscribe().with(done -> { }, f -> { });
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Measures every backlog once now. */
    public Uni<Void> sample() {
        return backlogs.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(backlogs.stream().map(this::measure).toList()).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> measure(Backlog b) {
        // a measure must never wait behind the work it measures: its own short statement timeout, outside passes
        Instant now = clock.instant();
        return pool.withTransaction(c -> c.query("SET LOCAL statement_timeout = 2000").execute()
                        .chain(() -> c.preparedQuery(b.sql()).execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))))
                .map(rows -> {
                    OffsetDateTime oldest = rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0);
                    double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
                    return new Sample(now, age, null);
                })
                .onFailure().recoverWithItem(f -> {
                    Sample last = samples.get(b.name());
                    LOG.debugf("Backlog %s not measured: %s", b.name(), f.getMessage());
                    return new Sample(last == null ? null : last.measuredAt(), last == null ? Double.NaN : last.ageSeconds(),
                            String.valueOf(f.getMessage()));
                })
                .invoke(sample -> samples.put(b.name(), sample))
                .replaceWithVoid();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("background-work").up();
        Instant now = clock.instant();
        boolean degraded = false;
        for (Backlog b : backlogs) {
            Sample s = samples.get(b.name());
            boolean stale = s == null || s.measuredAt() == null
                    || Duration.between(s.measuredAt(), now).compareTo(interval.multipliedBy(3).plusSeconds(2)) > 0;
            boolean late = s != null && s.ageSeconds() > degradedAfter.toMillis() / 1000.0;
            degraded |= stale || late;
            response.withData(b.name() + ".state", stale || late ? "DEGRADED" : "OK");
            response.withData(b.name() + ".oldestDueAgeSeconds", s == null || Double.isNaN(s.ageSeconds()) ? -1
                    : Math.round(s.ageSeconds()));
            if (s != null && s.error() != null) {
                response.withData(b.name() + ".error", s.error());
            }
        }
        response.withData("degradedAfterSeconds", degradedAfter.toSeconds());
        response.withData("state", degraded ? "DEGRADED" : "OK");
        return Uni.createFrom().item(response.build());
    }
}
