package app.supplyline.bench;

import app.supplyline.local.KafkaServer;
import app.supplyline.local.Ports;
import app.supplyline.local.PostgresServer;
import app.supplyline.local.ServiceProcess;
import app.supplyline.local.StackSettings;
import app.supplyline.local.Topics;
import app.supplyline.platform.keys.KeyTopic;
import app.supplyline.platform.keys.PersonalFields;
import app.supplyline.platform.keys.Sealing;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

/**
 * Measures the analytics-service on this machine: how fast it replays 1,000,000 session events of 2,000 parents
 * into its projections (group {@code analytics} from the start of the topic, as after a rebuild), beside Kafka's own
 * consumer benchmark reading the same topic in the same run; and the latency of a clinician's patient list for a
 * cohort of 10,000 consenting parents, beside the same SQL run directly over JDBC. Prints a table and writes it as
 * JSON. Not a test: nothing here passes or fails.
 */
public final class AnalyticsBenchmark {

    static final int PARENTS = 2_000;
    static final int EVENTS_PER_PARENT = 500;
    static final int DAYS = 62;
    static final int PER_DAY = 8;
    static final int COHORT = 10_000;
    static final int LIST_REQUESTS = 2_000;
    static final int LIST_CONCURRENCY = 4;
    /** The personal fields the session-service seals, by the event types this benchmark sends. */
    static final Map<String, List<String>> SEALED = Map.of("pumping-logged.v1", List.of("session.pump"),
            "check-in-logged.v1", List.of("checkIn.sleepHours", "checkIn.waterMl", "checkIn.stress"),
            "profile-updated.v1", List.of("profile.babyBirthDate"));

    private final Map<String, Object> results = new LinkedHashMap<>();
    /** The key-encryption key of this run, given to the service; each parent's data key is sealed under it. */
    private final String kek = Base64.getEncoder().encodeToString(Sealing.newKey().getEncoded());
    private final KeyTopic keyTopic = new KeyTopic(kek, null);
    private final Map<String, SecretKey> dataKeys = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        new AnalyticsBenchmark().run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("supplyline-bench-analytics");
        BenchSupport.describeMachine(results);
        try (PostgresServer postgres = new PostgresServer(Ports.freePort(), dir.resolve("postgres"),
                StackSettings.defaultCacheDir());
                KafkaServer kafka = new KafkaServer(Ports.freePort(), Ports.freePort(), dir.resolve("kafka"));
                BenchSupport issuer = new BenchSupport()) {
            postgres.start();
            postgres.ensureDatabase("analytics");
            kafka.start();
            kafka.createTopics(Topics.ALL);

            List<String> parents = new ArrayList<>();
            for (int i = 0; i < PARENTS; i++) {
                parents.add(UUID.randomUUID().toString());
            }
            System.out.println("Producing " + PARENTS * EVENTS_PER_PARENT + " session events of " + PARENTS + " parents ...");
            long events = produce(kafka, parents);
            results.put("replay.events", events);

            System.out.println("Reference: Kafka consumer-perf-test reading the same topic ...");
            Ceilings.kafkaConsumer(kafka, dir, events, results);

            int port = Ports.freePort();
            String baseUrl = "http://localhost:" + port;
            Path app = Path.of(System.getProperty("supplyline.project.dir", ".."))
                    .resolve("analytics-service/target/quarkus-app/quarkus-run.jar");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("analytics"));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("analytics"));
            env.put("QUARKUS_DATASOURCE_USERNAME", "analytics");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "analytics");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("SUPPLYLINE_KEYS_KEK", kek);
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.authServerUrl());
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", BenchSupport.ISSUER);
            // one clinician reads the list thousands of times: a load, not a user — the read quota is lifted
            env.put("SUPPLYLINE_RATE_LIMIT_READS_BURST", "1000000000");
            env.put("SUPPLYLINE_RATE_LIMIT_READS_PER_SECOND", "1000000000");
            try (ServiceProcess service = new ServiceProcess("analytics-service", app, port, env,
                    dir.resolve("analytics-service.log"));
                    Connection db = DriverManager.getConnection(postgres.jdbcUrl("analytics"), "analytics", "analytics")) {
                long started = System.nanoTime();
                service.start();
                service.awaitReady(Duration.ofMinutes(2));
                System.out.println("Replaying into the projections ...");
                replay(db, events, started);
                System.out.println("  " + results);
                System.out.println("Cohort of " + COHORT + " parents: patient list latency ...");
                patientList(db, baseUrl, issuer, parents);
            }
        }
        double raw = results.get("kafka.consumerRecordsPerSecond") instanceof Number n ? n.doubleValue() : Double.NaN;
        double replay = ((Number) results.get("replay.eventsPerSecond")).doubleValue();
        results.put("replay.ratioToKafkaConsumer", Math.round(replay / raw * 1000) / 1000.0);
        results.put("list.p95RatioToSql", Math.round(((Number) results.get("list.risk.p95Ms")).doubleValue()
                / ((Number) results.get("sql.risk.p95Ms")).doubleValue() * 10) / 10.0);
        BenchSupport.report("Supplyline analytics benchmark", results, "bench-analytics-results.json", dir);
    }

    /**
     * Each parent: a profile, 62 days of 8 pumpings and 3 check-ins, in time order across parents (as the live topic
     * would hold them). One parent in ten loses 30 % of their supply in the last week.
     */
    private long produce(KafkaServer kafka, List<String> parents) {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(DAYS);
        long[] versions = new long[parents.size()];
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new StringSerializer())) {
            for (String parent : parents) {
                // as the session-service does: the parent's data key on the keys topic before their first event
                SecretKey key = Sealing.newKey();
                dataKeys.put(parent, key);
                producer.send(new ProducerRecord<>(KeyTopic.TOPIC, parent, keyTopic.wrap(parent, key)));
            }
            for (int p = 0; p < parents.size(); p++) {
                sent += send(producer, parents.get(p), ++versions[p], "profile-updated.v1", first.atStartOfDay().toInstant(ZoneOffset.UTC),
                        "\"profile\":{\"timezone\":\"Europe/Paris\",\"preferredUnit\":\"ML\",\"dailyGoalMl\":800}");
            }
            for (int d = 0; d < DAYS; d++) {
                LocalDate date = first.plusDays(d);
                for (int i = 0; i < PER_DAY; i++) {
                    for (int p = 0; p < parents.size(); p++) {
                        Instant at = date.atTime(0, 30).toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(180L * i + p % 40));
                        boolean dropping = p % 10 == 0 && d >= DAYS - 7;
                        double side = (dropping ? 35 : 50) + (p * 7 + d * 3 + i) % 11;
                        sent += send(producer, parents.get(p), ++versions[p], "pumping-logged.v1", at,
                                "\"sessionId\":\"" + UUID.randomUUID() + "\",\"session\":{\"type\":\"PUMPING\",\"startedAt\":\""
                                        + at + "\",\"endedAt\":\"" + at.plus(Duration.ofMinutes(20)) + "\",\"leftMl\":" + side
                                        + ",\"rightMl\":" + side + "}");
                    }
                }
                if (d >= DAYS - 3) {
                    for (int p = 0; p < parents.size(); p++) {
                        sent += send(producer, parents.get(p), ++versions[p], "check-in-logged.v1",
                                date.atTime(21, 0).toInstant(ZoneOffset.UTC),
                                "\"checkIn\":{\"date\":\"" + date + "\",\"sleepHours\":6.5,\"waterMl\":2200,\"stress\":2}");
                    }
                }
            }
            producer.flush();
        }
        results.put("produce.seconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        return sent;
    }

    /**
     * The event as the session-service publishes it: its personal fields (the personal fields of each type, at the
     * schema version that seals them) sealed under the parent's data key, bound to the parent and the event.
     */
    private int send(KafkaProducer<String, String> producer, String parent, long version, String type,
            Instant at, String fields) {
        String id = UUID.randomUUID().toString();
        List<String> personal = SEALED.getOrDefault(type, List.of());
        JsonObject event = new JsonObject("{\"eventId\":\"" + id + "\",\"parentId\":\"" + parent + "\",\"version\":"
                + version + ",\"type\":\"app.supplyline.session." + type + "\",\"schemaVersion\":"
                + (type.equals("profile-updated.v1") ? 3 : 2) + ",\"occurredAt\":\"" + at + "\",\"recordedAt\":\""
                + at + "\"," + fields + "}");
        PersonalFields.seal(event, personal, dataKeys.get(parent), PersonalFields.associatedData(parent, id));
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SESSIONS, parent, event.encode());
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", ("app.supplyline.session." + type).getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/supplyline/session-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", parent.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
        return 1;
    }

    /** Events applied per second, from the first to the last commit of the replay (processed_event times). */
    private void replay(Connection db, long events, long startedNanos) throws Exception {
        BenchSupport.waitUntil(Duration.ofMinutes(20), Duration.ofSeconds(1),
                () -> scalar(db, "SELECT count(*) FROM processed_event") >= events);
        long applied = scalar(db, "SELECT count(*) FROM processed_event");
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT extract(epoch FROM max(processed_at) - min(processed_at)) FROM processed_event")) {
            rs.next();
            double seconds = rs.getDouble(1);
            results.put("replay.applied", applied);
            results.put("replay.seconds", Math.round(seconds * 10) / 10.0);
            results.put("replay.eventsPerSecond", Math.round(applied / seconds));
        }
        results.put("replay.wallSecondsFromServiceStart", Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0);
        long settle = System.nanoTime();
        BenchSupport.waitUntil(Duration.ofMinutes(5), Duration.ofMillis(500),
                () -> scalar(db, "SELECT count(*) FROM status_due") == 0);
        results.put("status.settleSecondsAfterReplay", Math.round((System.nanoTime() - settle) / 1e8) / 10.0);
        results.put("status.seekHelpParents", scalar(db, "SELECT count(*) FROM supply_status WHERE status = 'SEEK_HELP'"));
        results.put("status.parentsEvaluated", scalar(db, "SELECT count(*) FROM supply_status"));
    }

    /**
     * A clinician's cohort of 10,000: the 2,000 replayed parents join through the API, 8,000 more are added with
     * statuses spread like a clinic's in SQL. Then the first page sorted by risk, as the clinician opens it.
     */
    private void patientList(Connection db, String baseUrl, BenchSupport issuer, List<String> parents) throws Exception {
        String clinician = issuer.token("bench-clinician", "clinician");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/cohorts"))
                .header("Authorization", "Bearer " + clinician).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench clinic\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\".*\"inviteCode\":\"([A-Z0-9-]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("Cannot create the cohort: " + created.statusCode() + " " + created.body());
        }
        String cohortId = id.group(1);
        String code = id.group(2);
        AtomicInteger joined = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (String parent : parents) {
                pool.submit(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/consents"))
                            .header("Authorization", "Bearer " + issuer.token(parent, "parent"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"inviteCode\":\"" + code + "\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 201) {
                        joined.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("""
                    INSERT INTO supply_status (parent_id, status, reasons, current_avg_ml, baseline_avg_ml, change_pct,
                        removals_per_day, regular_days, last_removal_at, evaluated_for, evaluated_at, changed_at)
                    SELECT 'synthetic-' || g,
                           (ARRAY['STABLE','STABLE','STABLE','WATCH','SEEK_HELP','INSUFFICIENT_DATA'])[1 + g %% 6],
                           CASE g %% 6 WHEN 3 THEN '{SUPPLY_DIP}'::text[] WHEN 4 THEN '{SUPPLY_DROP}'::text[] ELSE '{}' END,
                           500 + g %% 400, 600 + g %% 300, -40 + (g %% 600) / 10.0, 6 + g %% 4, 5 + g %% 3,
                           now() - (g %% 72) * interval '1 hour', current_date, now(), now()
                      FROM generate_series(1, %d) g""".formatted(COHORT - parents.size()));
            s.execute("""
                    INSERT INTO consent (cohort_id, parent_id, display_name, granted_at)
                    SELECT '%s', 'synthetic-' || g, 'Parent ' || g, now() FROM generate_series(1, %d) g"""
                    .formatted(cohortId, COHORT - parents.size()));
            s.execute("ANALYZE");
        }
        results.put("list.cohortSize", scalar(db, "SELECT count(*) FROM consent WHERE cohort_id = '" + cohortId + "'"));
        results.put("list.joinedThroughApi", joined.get());

        URI risk = URI.create(baseUrl + "/api/cohorts/" + cohortId + "/patients?sort=risk&limit=50");
        URI byName = URI.create(baseUrl + "/api/cohorts/" + cohortId + "/patients?limit=50");
        measureHttp("list.risk", risk, clinician);
        measureHttp("list.name", byName, clinician);
        measureSql(db, cohortId);
    }

    private void measureHttp(String name, URI uri, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build();
        for (int i = 0; i < 200; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long[] latencies = new long[LIST_REQUESTS];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(LIST_CONCURRENCY)) {
            for (int t = 0; t < LIST_CONCURRENCY; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < LIST_REQUESTS; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latencies[i] = System.nanoTime() - begin;
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        results.put(name + ".p50Ms", BenchSupport.percentile(latencies, 0.50));
        results.put(name + ".p95Ms", BenchSupport.percentile(latencies, 0.95));
        results.put(name + ".p99Ms", BenchSupport.percentile(latencies, 0.99));
        results.put(name + ".requestsPerSecond", Math.round(LIST_REQUESTS / seconds));
        results.put(name + ".failed", failed.get());
        if (failed.get() > 0) {
            // latencies of refusals are not the list's: no figure from a run with failures
            throw new IllegalStateException(failed.get() + " of " + LIST_REQUESTS + " " + name + " requests failed");
        }
    }

    /** The ceiling: the list's query alone, one connection, over JDBC. */
    private void measureSql(Connection db, String cohortId) throws Exception {
        String sql = """
                SELECT parent_id, display_name, status, reasons, change_pct, current_avg_ml, removals_per_day,
                       last_removal_at, rank, change_key FROM (
                    SELECT s.parent_id, s.display_name, coalesce(st.status, 'INSUFFICIENT_DATA') AS status,
                           coalesce(st.reasons, '{}') AS reasons, st.change_pct, st.current_avg_ml,
                           coalesce(st.removals_per_day, 0) AS removals_per_day, st.last_removal_at,
                           CASE coalesce(st.status, 'INSUFFICIENT_DATA') WHEN 'SEEK_HELP' THEN 0
                                WHEN 'WATCH' THEN 1 WHEN 'STABLE' THEN 2 ELSE 3 END AS rank,
                           coalesce(st.change_pct, 1e9)::float8 AS change_key
                      FROM consent s LEFT JOIN supply_status st ON st.parent_id = s.parent_id
                     WHERE s.cohort_id = ?::uuid AND s.revoked_at IS NULL) p
                 ORDER BY rank, change_key, parent_id LIMIT 51""";
        long[] latencies = new long[LIST_REQUESTS];
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, cohortId);
            for (int i = -200; i < LIST_REQUESTS; i++) {
                long begin = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                if (i >= 0) {
                    latencies[i] = System.nanoTime() - begin;
                }
            }
        }
        Arrays.sort(latencies);
        results.put("sql.risk.p50Ms", BenchSupport.percentile(latencies, 0.50));
        results.put("sql.risk.p95Ms", BenchSupport.percentile(latencies, 0.95));
    }

    private static long scalar(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
