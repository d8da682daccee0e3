package app.supplyline.analytics.rebuild;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Tells the {@link RebuildService} when the sessions consumer's clients lose partitions, so that a replay in
 * progress is started over instead of waiting forever for partitions another client resumed from its committed
 * offset ({@code consumer-rebalance-listener.name} of the channel).
 */
@ApplicationScoped
@Identifier(RebuildRebalanceListener.NAME)
public class RebuildRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "analytics-rebuild-rebalance";

    private final Provider<RebuildService> rebuild;

    public RebuildRebalanceListener(Provider<RebuildService> rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        rebuild.get().partitionsMoved(partitions);
    }
}
