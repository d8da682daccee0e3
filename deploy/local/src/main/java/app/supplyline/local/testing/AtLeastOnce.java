package app.supplyline.local.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What an outbox relay's at-least-once delivery promises about one parent's records, read in offset order (ADR-002):
 * a record may be there more than once, each copy exact; and the copies sent by the passes that took the events off
 * the outbox — the last copy of each — are in stream order. The first copies need not be: a pass that failed may
 * have had its later records acknowledged and its earlier ones not, and the next pass sends all of them again.
 * Consumers apply events in any order and drop copies by event id, so neither changes what they compute.
 */
public final class AtLeastOnce {

    /**
     * @param lastCopyOrder the ids in the order of their last copy
     * @param values        each id's record value
     * @param copies        how many records were copies of an earlier one
     */
    public record Copies(List<String> lastCopyOrder, Map<String, String> values, int copies) {
    }

    private AtLeastOnce() {
    }

    /** Asserts that every copy of an id is the same record value, and answers the ids in the order of their last copy. */
    public static Copies read(List<ConsumerRecord<String, String>> records, Function<ConsumerRecord<String, String>, String> id) {
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        int copies = 0;
        for (ConsumerRecord<String, String> r : records) {
            String key = id.apply(r);
            String previous = first.putIfAbsent(key, r.value());
            if (previous != null) {
                copies++;
                assertEquals(previous, r.value(), "a record published again is an exact copy (same event id and body)");
            }
            last.remove(key);
            last.put(key, r.value());
        }
        return new Copies(List.copyOf(last.keySet()), Map.copyOf(first), copies);
    }
}
