package app.supplyline.analytics.rebuild;

import app.supplyline.analytics.intake.ReplayProgress;
import app.supplyline.analytics.intake.SessionEventConsumer;
import app.supplyline.analytics.status.StatusEvaluator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops the projections of the session events and replays {@code supplyline.sessions.v1} from its beginning.
 * Order-insensitive projections make this safe while live events keep arriving: events applied before the drop
 * are replayed, events applied after it are skipped as already processed, and version-guarded rows come out the
 * same in any order. Status evaluation waits until the replay reached the end offsets of the start, then every
 * parent is evaluated once against their kept status, so a rebuild announces a change only if the rebuilt data
 * really differs. The status, episodes, cohorts, consents and the access log are not projections and are kept.
 * A rebuild starts only while this instance's clients hold every partition of the topic (409 otherwise, and nothing
 * is truncated); if partitions move during the replay it is started over (see {@link #partitionsMoved}).
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    private final Pool pool;
    private final KafkaClientService kafka;
    private final ReplayProgress progress;
    private final StatusEvaluator evaluator;
    private final Clock clock;
    private final Vertx vertx;
    private final String topic;
    private final AtomicBoolean starting = new AtomicBoolean();
    /** Counts revocations of this instance's partitions, so that a start can tell that some moved under it. */
    private final AtomicLong moves = new AtomicLong();
    private volatile boolean stopping;

    public RebuildService(Pool pool, KafkaClientService kafka, ReplayProgress progress, StatusEvaluator evaluator,
            Clock clock, Vertx vertx,
            @ConfigProperty(name = "mp.messaging.incoming." + SessionEventConsumer.CHANNEL + ".topic") String topic) {
        this.vertx = vertx;
        this.topic = topic;
        this.pool = pool;
        this.kafka = kafka;
        this.progress = progress;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** The state of the last rebuild. */
    public record RebuildState(String state, Instant startedAt, Instant finishedAt, Map<String, Long> endOffsets,
            long replayedEvents) {
    }

    private record Bounds(KafkaConsumer<String, String> consumer, Set<TopicPartition> partitions,
            Set<TopicPartition> topic, Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {

        /** The union of every client's partitions; seeking is then done by each client for its own. */
        static Merged merge(List<Bounds> all) {
            Map<TopicPartition, Long> begin = new HashMap<>();
            Map<TopicPartition, Long> end = new HashMap<>();
            Set<TopicPartition> topic = new HashSet<>();
            all.forEach(b -> {
                begin.putAll(b.begin());
                end.putAll(b.end());
                topic.addAll(b.topic());
            });
            return new Merged(all, begin.keySet(), topic, begin, end);
        }
    }

    /** What this instance's clients hold ({@code partitions}) and what the topic has ({@code topic}). */
    private record Merged(List<Bounds> clients, Set<TopicPartition> partitions, Set<TopicPartition> topic,
            Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
    }

    public Uni<RebuildState> start() {
        if (progress.active() || !starting.compareAndSet(false, true)) {
            return Uni.createFrom().failure(RebuildRefused.alreadyRunning());
        }
        return begin().onTermination().invoke(() -> starting.set(false));
    }

    private Uni<RebuildState> begin() {
        // partitions that move between the check below and the seek would make the replay incomplete
        long generation = moves.get();
        // with consumer concurrency, the channel has several clients, each holding some partitions
        List<KafkaConsumer<String, String>> consumers = kafka.getConsumerChannels().stream()
                .filter(c -> c.equals(SessionEventConsumer.CHANNEL) || c.startsWith(SessionEventConsumer.CHANNEL + "$"))
                .flatMap(c -> kafka.<String, String>getConsumers(c).stream()).toList();
        if (consumers.isEmpty()) {
            return Uni.createFrom().failure(RebuildRefused.consumerNotReady());
        }
        return Uni.join().all(consumers.stream().map(consumer -> consumer.runOnPollingThread(c -> {
                    Set<TopicPartition> assigned = Set.copyOf(c.assignment());
                    Set<TopicPartition> all = new HashSet<>();
                    c.partitionsFor(topic).forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
                    return new Bounds(consumer, assigned, all, c.beginningOffsets(assigned), c.endOffsets(assigned));
                })).toList()).andFailFast()
                .map(Bounds::merge)
                .chain(bounds -> {
                    Set<TopicPartition> missing = new TreeSet<>(Comparator.comparing(TopicPartition::toString));
                    missing.addAll(bounds.topic());
                    missing.removeAll(bounds.partitions());
                    if (moves.get() != generation) {
                        return Uni.createFrom().failure(RebuildRefused.partitionsMoving(topic));
                    }
                    if (bounds.topic().isEmpty() || !missing.isEmpty()) {
                        // another instance (or a client of this one not yet assigned) holds them: replaying only
                        // ours would truncate the projections of every parent on theirs and never refill them
                        return Uni.createFrom().failure(RebuildRefused.heldElsewhere(topic,
                                bounds.topic().isEmpty() ? Set.of() : missing));
                    }
                    JsonObject offsets = new JsonObject();
                    new TreeMap<>(name(bounds.end())).forEach(offsets::put);
                    Instant now = clock.instant();
                    return pool.withTransaction(c -> c.query(
                                            "TRUNCATE removal, parent_profile, check_in, processed_event, status_due").execute()
                                    .chain(() -> c.preparedQuery("""
                                                    INSERT INTO rebuild (id, started_at, end_offsets) VALUES (1, $1, $2)
                                                    ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at,
                                                        finished_at = NULL, end_offsets = EXCLUDED.end_offsets, replayed = 0""")
                                            .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), offsets))))
                            .invoke(() -> progress.begin(bounds.begin(), bounds.end(), this::finish))
                            .chain(() -> Uni.join().all(bounds.clients().stream()
                                            .map(b -> b.consumer().seekToBeginning(b.partitions())).toList()).andFailFast()
                                    .invoke(() -> {
                                        if (moves.get() != generation) {
                                            throw new IllegalStateException("partitions moved while the rebuild began");
                                        }
                                    })
                                    .onFailure().invoke(e -> {
                                        // truncated already: the replay cannot complete as begun; start it over
                                        if (progress.abandon()) {
                                            LOG.warnf("The rebuild could not begin (%s); it starts over", e.getMessage());
                                            scheduleRetry(1000);
                                        }
                                    })
                                    .onFailure().recoverWithNull())
                            .invoke(() -> LOG.infof("Rebuilding the projections: replaying %s up to %s", bounds.partitions(), offsets))
                            .chain(this::state);
                });
    }

    /**
     * Partitions moved while a replay ran (an instance joined, a client of this one was reassigned): the client that
     * takes a partition over resumes from the group's committed offset, which the replay had not reached, so the
     * replay cannot complete. It is abandoned and started over once this instance holds every partition again;
     * status evaluation stays paused meanwhile (the rebuild row is unfinished).
     */
    public void partitionsMoved(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        moves.incrementAndGet();
        if (!stopping && progress.abandon()) {
            LOG.warnf("Partitions %s moved during a rebuild; it starts over once this instance holds every partition",
                    revoked);
            scheduleRetry(1000);
        }
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true; // consumers closing revoke their partitions: that is no reason to start over
    }

    private void finish(long replayed) {
        pool.withTransaction(c -> c.preparedQuery("UPDATE rebuild SET finished_at = $1, replayed = $2 WHERE id = 1")
                        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), replayed))
                        .chain(() -> c.preparedQuery("""
                                        INSERT INTO status_due (parent_id, due_at)
                                        SELECT parent_id, now() FROM supply_status
                                        UNION SELECT parent_id, now() FROM parent_profile
                                        UNION SELECT DISTINCT parent_id, now() FROM removal
                                        ON CONFLICT DO NOTHING""")
                                .execute()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).atMost(20)
                .subscribe().with(done -> {
                    LOG.infof("Rebuild finished: %d events replayed; evaluating every parent", replayed);
                    evaluator.nudge();
                }, failure -> LOG.errorf("Cannot finish the rebuild: %s", failure.getMessage()));
    }

    /**
     * A rebuild interrupted by a restart starts over: the replay position is lost with the process, and evaluation
     * stays paused until a replay completes. Tried every few seconds until this instance holds every partition.
     */
    void resumeInterrupted(@Observes StartupEvent event) {
        resumeIfInterrupted();
    }

    /** Starts an unfinished rebuild over (see {@link #resumeInterrupted}). */
    public void resumeIfInterrupted() {
        pool.query("SELECT 1 FROM rebuild WHERE finished_at IS NULL").execute().subscribe().with(rows -> {
            if (rows.size() > 0) {
                LOG.warn("A projection rebuild was interrupted; starting it over");
                retryStart();
            }
        }, failure -> LOG.warnf("Cannot check for an interrupted rebuild: %s", failure.getMessage()));
    }

    private void scheduleRetry(long delayMillis) {
        if (!stopping) {
            vertx.setTimer(delayMillis, id -> retryStart());
        }
    }

    /** Starts the unfinished rebuild over, until it begins; stops once no rebuild is unfinished or one is running. */
    private void retryStart() {
        if (stopping) {
            return;
        }
        pool.query("SELECT 1 FROM rebuild WHERE finished_at IS NULL").execute()
                .chain(rows -> rows.size() == 0 || progress.active() ? Uni.createFrom().nullItem() : start())
                .subscribe().with(state -> { }, failure -> {
                    LOG.debugf("Rebuild not started yet (retrying): %s", failure.getMessage());
                    scheduleRetry(2000);
                });
    }

    public Uni<RebuildState> state() {
        return pool.query("SELECT started_at, finished_at, end_offsets, replayed FROM rebuild WHERE id = 1").execute()
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new RebuildState("NEVER", null, null, Map.of(), 0);
                    }
                    Row r = rows.iterator().next();
                    Map<String, Long> offsets = new TreeMap<>();
                    r.getJsonObject(2).forEach(e -> offsets.put(e.getKey(), ((Number) e.getValue()).longValue()));
                    boolean done = r.getOffsetDateTime(1) != null;
                    return new RebuildState(done ? "DONE" : "RUNNING", r.getOffsetDateTime(0).toInstant(),
                            done ? r.getOffsetDateTime(1).toInstant() : null, offsets, r.getLong(3));
                });
    }

    private static Map<String, Long> name(Map<TopicPartition, Long> offsets) {
        Map<String, Long> named = new TreeMap<>();
        offsets.forEach((p, o) -> named.put(p.toString(), o));
        return named;
    }
}
