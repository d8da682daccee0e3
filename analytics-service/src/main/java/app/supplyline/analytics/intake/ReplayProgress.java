package app.supplyline.analytics.intake;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows a replay of the sessions topic: a partition is replayed once the consumer delivered its first offset
 * again (records fetched before the seek may still be in flight, and their offsets are higher) and then reached the
 * end offset taken when the rebuild began. When every partition is replayed, the completion callback runs once.
 */
@ApplicationScoped
public class ReplayProgress {

    private enum State { WAITING_FOR_START, REPLAYING, DONE }

    private final Map<TopicPartition, long[]> bounds = new HashMap<>();
    private final Map<TopicPartition, State> states = new HashMap<>();
    private long replayed;
    private Consumer<Long> onDone;

    /** Starts following; {@code begin} and {@code end} per partition as the consumer saw them before seeking. */
    public synchronized void begin(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end, Consumer<Long> onDone) {
        bounds.clear();
        states.clear();
        replayed = 0;
        this.onDone = onDone;
        end.forEach((partition, endOffset) -> {
            long start = begin.getOrDefault(partition, 0L);
            bounds.put(partition, new long[] {start, endOffset});
            states.put(partition, endOffset <= start ? State.DONE : State.WAITING_FOR_START);
        });
        finishIfDone();
    }

    public synchronized boolean active() {
        return onDone != null;
    }

    /** Stops following a replay that cannot complete; true if one was being followed. */
    public synchronized boolean abandon() {
        boolean wasActive = onDone != null;
        onDone = null;
        return wasActive;
    }

    /** Called after each batch was applied and acknowledged. */
    public synchronized void applied(KafkaRecordBatch<String, String> batch) {
        if (onDone == null) {
            return;
        }
        for (KafkaRecord<String, String> record : batch) {
            TopicPartition partition = new TopicPartition(record.getTopic(), record.getPartition());
            long[] range = bounds.get(partition);
            State state = states.get(partition);
            if (range == null || state == State.DONE) {
                continue;
            }
            if (state == State.WAITING_FOR_START && offset(record) <= range[0]) {
                state = State.REPLAYING;
            }
            if (state == State.REPLAYING) {
                replayed++;
                if (offset(record) >= range[1] - 1) {
                    state = State.DONE;
                }
            }
            states.put(partition, state);
        }
        finishIfDone();
    }

    /** The record's offset in its partition. */
    public static long offset(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElseThrow(() -> new IllegalStateException("not an incoming Kafka record"));
    }

    private void finishIfDone() {
        if (onDone != null && states.values().stream().allMatch(s -> s == State.DONE)) {
            Consumer<Long> callback = onDone;
            onDone = null;
            callback.accept(replayed);
        }
    }
}
