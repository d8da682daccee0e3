package app.supplyline.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class KafkaServerTest {

    @TempDir
    Path dataDir;

    @Test
    void brokerStopsAndStartsAgainAndClientsReconnect() throws Exception {
        KafkaServer broker = new KafkaServer(Ports.freePort(), Ports.freePort(), dataDir);
        try (broker) {
            broker.start();
            broker.createTopics(Topics.ALL);
            try (KafkaProducer<String, String> producer = producer(broker);
                    KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.subscribe(List.of(Topics.SESSIONS));
                producer.send(new ProducerRecord<>(Topics.SESSIONS, "parent-a", "before")).get(30, TimeUnit.SECONDS);

                broker.stop();
                assertFalse(Ports.isListening(broker.port()), "stopped broker no longer listens");
                broker.start();

                // the same producer and consumer instances, reconnecting by themselves
                producer.send(new ProducerRecord<>(Topics.SESSIONS, "parent-a", "after")).get(60, TimeUnit.SECONDS);
                List<String> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        seen.add(r.key() + ":" + r.value());
                    }
                    return seen.size() >= 2;
                });
                assertEquals(List.of("parent-a:before", "parent-a:after"), seen);
            }
            try (var admin = broker.admin()) {
                assertEquals(6, admin.describeTopics(List.of(Topics.SESSIONS)).allTopicNames().get()
                        .get(Topics.SESSIONS).partitions().size());
                // the event log keeps everything, a dead-letter topic 14 days — also one an older stack left behind
                var sessions = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.SESSIONS);
                var dlq = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.ALERTS_NOTIFICATION_DLQ);
                admin.incrementalAlterConfigs(Map.of(dlq, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                        new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "-1"),
                        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
                broker.createTopics(Topics.ALL);
                var configs = admin.describeConfigs(List.of(sessions, dlq)).all().get();
                assertEquals("-1", configs.get(sessions).get("retention.ms").value());
                assertEquals(Long.toString(Duration.ofDays(14).toMillis()), configs.get(dlq).get("retention.ms").value());
            }
        }
    }

    private static KafkaProducer<String, String> producer(KafkaServer broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 90_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(KafkaServer broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }
}
