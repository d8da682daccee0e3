package app.supplyline.platform.keys;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;

/**
 * The parents' data keys as a consumer of {@link KeyTopic#TOPIC} knows them: one thread reads the topic from its
 * beginning and keeps following it (assigned every partition, no consumer group), holding the keys in memory; a
 * tombstone forgets a key. A key asked for and not known yet makes the thread read to the topic's current end
 * first: the session-service publishes a parent's key (acknowledged by every in-sync replica) before it commits the
 * first event sealed under it, so after that read, a parent without a key is an erased parent. Reading failures
 * (the broker away, the topic missing) are retried, like a database outage: never taken for an erasure.
 */
@ApplicationScoped
public class DataKeys {

    private static final Logger LOG = Logger.getLogger(DataKeys.class);

    private final KeyTopic topic;
    private final Duration stall;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    /** Parents whose key is on the topic but does not open with this service's KEK: never taken for erased. */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();
    /** Released for each key asked for: after a failed read, the reader tries again at once when asked, else in 1 s. */
    private final Semaphore asked = new Semaphore(0);
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    private Thread reader;

    public DataKeys(KeyTopic topic,
            @ConfigProperty(name = "supplyline.keys.stall", defaultValue = "PT10S") Duration stall) {
        this.topic = topic;
        this.stall = stall;
    }

    /**
     * The parent's data key, or empty when the parent has none (erased). Waits for the topic's end to be read
     * when the key is not known yet; a failed read is retried until it succeeds.
     */
    public Uni<Optional<SecretKey>> of(String parentId) {
        SecretKey known = keys.get(parentId);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        // back on the caller's Vert.x context (a consumer's event loop), not on the reader thread that read the key
        Context context = Vertx.currentContext();
        Executor caller = context == null ? Infrastructure.getDefaultExecutor()
                : task -> context.runOnContext(v -> task.run());
        return Uni.createFrom().completionStage(() -> {
                    CompletableFuture<Void> read = new CompletableFuture<>();
                    waiting.add(read);
                    asked.release();
                    start();
                    KafkaConsumer<String, String> c = consumer;
                    if (c != null) {
                        c.wakeup();
                    }
                    return read;
                })
                .onFailure().invoke(e -> LOG.warnf("Reading %s failed (%s); trying again", KeyTopic.TOPIC, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .map(read -> {
                    if (unreadable.contains(parentId)) {
                        throw new IllegalStateException("the data key of parent " + parentId
                                + " does not open with this service's key-encryption key (supplyline.keys.kek)");
                    }
                    return Optional.ofNullable(keys.get(parentId));
                })
                // a key that does not open is a misconfiguration, never an erasure: retried (and logged) until fixed
                .onFailure().invoke(e -> LOG.warnf("%s; trying again", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .emitOn(caller);
    }

    /** The keys of these parents that exist (an erased parent is absent from the map). */
    public Uni<Map<String, SecretKey>> of(Collection<String> parentIds) {
        Map<String, SecretKey> found = new ConcurrentHashMap<>();
        List<Uni<Void>> reads = new ArrayList<>();
        for (String id : new LinkedHashSet<>(parentIds)) {
            SecretKey known = keys.get(id);
            if (known != null) {
                found.put(id, known); // the usual case: no Uni per parent on a consumer's hot path
            } else {
                reads.add(of(id).invoke(k -> k.ifPresent(key -> found.put(id, key))).replaceWithVoid());
            }
        }
        return reads.isEmpty() ? Uni.createFrom().item(found)
                : Uni.join().all(reads).andFailFast().replaceWith(found);
    }

    private synchronized void start() {
        if (reader == null) {
            reader = Thread.ofPlatform().daemon().name("data-keys-reader").start(this::follow);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(settings(), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                c.assign(partitions);
                c.seekToBeginning(partitions);
                while (running) {
                    List<CompletableFuture<Void>> asked = new ArrayList<>();
                    for (CompletableFuture<Void> f; (f = waiting.poll()) != null; ) {
                        asked.add(f);
                    }
                    if (asked.isEmpty()) {
                        poll(c, Duration.ofSeconds(1));
                    } else {
                        try {
                            readToEnd(c, partitions);
                            asked.forEach(f -> f.complete(null));
                        } catch (WakeupException e) {
                            waiting.addAll(asked); // another key was asked for meanwhile: read to the end again
                        } catch (RuntimeException e) {
                            asked.forEach(f -> f.completeExceptionally(e));
                        }
                    }
                }
            } catch (WakeupException e) {
                // a key was asked for before the topic could be read: try again
            } catch (RuntimeException e) {
                LOG.warnf("Following %s failed: %s", KeyTopic.TOPIC, e.toString());
                failWaiting(e);
                retryWhenAsked();
            } finally {
                consumer = null;
            }
        }
    }

    private void poll(KafkaConsumer<String, String> c, Duration timeout) {
        try {
            for (ConsumerRecord<String, String> r : c.poll(timeout)) {
                apply(r);
            }
        } catch (WakeupException e) {
            // someone waits for the end: the loop reads to it next
        }
    }

    private void readToEnd(KafkaConsumer<String, String> c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        Instant progressed = Instant.now();
        long behind = behind(c, end);
        while (behind > 0) {
            poll(c, Duration.ofMillis(200));
            long now = behind(c, end);
            if (now < behind) {
                behind = now;
                progressed = Instant.now();
            } else if (Instant.now().isAfter(progressed.plus(stall))) {
                throw new IllegalStateException("reading " + KeyTopic.TOPIC + " made no progress for " + stall);
            }
        }
    }

    private static long behind(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            behind += Math.max(0, e.getValue() - c.position(e.getKey()));
        }
        return behind;
    }

    private void apply(ConsumerRecord<String, String> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            keys.remove(r.key());
            unreadable.remove(r.key());
            return;
        }
        try {
            keys.put(r.key(), topic.unwrap(r.key(), r.value()));
            unreadable.remove(r.key());
        } catch (IllegalArgumentException e) {
            unreadable.add(r.key());
            LOG.errorf("The key of parent %s at %s-%d@%d does not open with this service's key-encryption key",
                    r.key(), r.topic(), r.partition(), r.offset());
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<PartitionInfo> infos = c.partitionsFor(KeyTopic.TOPIC, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + KeyTopic.TOPIC + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void failWaiting(RuntimeException e) {
        for (CompletableFuture<Void> f; (f = waiting.poll()) != null; ) {
            f.completeExceptionally(e);
        }
    }

    private void retryWhenAsked() {
        try {
            asked.tryAcquire(1, TimeUnit.SECONDS);
            asked.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = topic.clientSettings();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // never an auto-created (not compacted) key topic: a missing one is an error, retried
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "data-keys-" + UUID.randomUUID());
        return settings;
    }
}
