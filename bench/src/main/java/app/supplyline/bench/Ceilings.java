package app.supplyline.bench;

import app.supplyline.local.KafkaServer;
import app.supplyline.local.ManagedProcess;
import app.supplyline.local.PostgresServer;
import app.supplyline.local.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference ceilings every benchmark measures in its own run, on the same servers: Kafka's producer and consumer
 * performance tools and pgbench. The machines are shared and noisy, so figures are reported as ratios of these.
 */
final class Ceilings {

    private Ceilings() {
    }

    /** Kafka's own consumer benchmark on the same topic: the ceiling of reading it from this machine. */
    static void kafkaConsumer(KafkaServer kafka, Path dir, long events, Map<String, Object> results) throws IOException {
        Path log = dir.resolve("consumer-perf.log");
        ManagedProcess.run("kafka consumer-perf-test", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", kafka.bootstrapServers(), "--topic", Topics.SESSIONS,
                "--messages", Long.toString(events), "--group", "bench-consumer-perf", "--timeout", "60000"),
                dir, log, Duration.ofMinutes(5));
        String out = Files.readString(log);
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        Matcher m = Pattern.compile("(?m)^[0-9-]+ [0-9:.]+, [0-9-]+ [0-9:.]+, ([0-9.]+), ([0-9.]+), (\\d+), ([0-9.]+)").matcher(out);
        if (m.find()) {
            results.put("kafka.consumerRecordsPerSecond", Math.round(Double.parseDouble(m.group(4))));
            results.put("kafka.consumerMBPerSecond", Double.parseDouble(m.group(2)));
        } else {
            results.put("kafka.consumerRecordsPerSecond", "unparsed: see " + log);
        }
    }

    /** Kafka's own producer benchmark (acks=all, idempotent): the ceiling of writing to this broker from this machine. */
    static void kafkaProducer(KafkaServer kafka, Path dir, Map<String, Object> results) {
        Path log = dir.resolve("producer-perf.log");
        ManagedProcess.run("kafka producer-perf-test", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", "bench.producer-perf", "--num-records", "500000", "--record-size", "400",
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all",
                "enable.idempotence=true", "linger.ms=5"), dir, log, Duration.ofMinutes(5));
        try {
            String out = Files.readString(log);
            Matcher m = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), "
                    + "([0-9.]+) ms avg latency.*?([0-9]+) ms 50th, [0-9]+ ms 95th, ([0-9]+) ms 99th").matcher(out);
            String last = null;
            while (m.find()) {
                last = m.group(0);
                results.put("kafka.recordsPerSecond", Math.round(Double.parseDouble(m.group(2))));
                results.put("kafka.p50Ms", Long.parseLong(m.group(5)));
                results.put("kafka.p99Ms", Long.parseLong(m.group(6)));
            }
            if (last == null) {
                results.put("kafka.recordsPerSecond", "unparsed: see " + log);
            }
        } catch (IOException e) {
            results.put("kafka.recordsPerSecond", "failed: " + e.getMessage());
        }
    }

    /**
     * pgbench when installed (the standard tool), else the same inserts over JDBC from this JVM; needs the database
     * {@code bench}.
     */
    static void postgresInserts(PostgresServer postgres, Path dir, Map<String, Object> results) throws Exception {
        String insert = "INSERT INTO bench_insert (parent_id, data) VALUES (md5(random()::text), "
                + "'{\"type\":\"PUMPING\",\"leftMl\":60,\"rightMl\":55}'::jsonb);";
        try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("bench"), "bench", "bench");
                var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, parent_id text, data jsonb)");
        }
        Path pgbench = Path.of("/usr/bin/pgbench");
        if (Files.isExecutable(pgbench)) {
            Path script = dir.resolve("insert.sql");
            Files.writeString(script, insert + "\n");
            Path log = dir.resolve("pgbench.log");
            ManagedProcess.start("pgbench", List.of(pgbench.toString(), "-n", "-c", "8", "-j", "2", "-T", "15",
                    "-f", script.toString(), "-h", "localhost", "-p", Integer.toString(postgres.port()), "-U", "bench",
                    "bench"), Map.of("PGPASSWORD", "bench"), dir, log).waitForExit(Duration.ofMinutes(2));
            Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(Files.readString(log));
            results.put("postgres.tool", "pgbench (8 clients, one INSERT per transaction)");
            results.put("postgres.insertsPerSecond", m.find() ? Math.round(Double.parseDouble(m.group(1))) : "unparsed");
        } else {
            results.put("postgres.tool", "JDBC from the bench JVM (pgbench not installed): 1 client, autocommit");
            try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("bench"), "bench", "bench");
                    var s = c.createStatement()) {
                long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                long n = 0;
                while (System.nanoTime() < end) {
                    s.execute(insert);
                    n++;
                }
                results.put("postgres.insertsPerSecond", n / 15);
            }
        }
    }

}
