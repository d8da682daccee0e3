package app.supplyline.bench;

import app.supplyline.local.KafkaServer;
import app.supplyline.local.Ports;
import app.supplyline.local.PostgresServer;
import app.supplyline.local.ServiceProcess;
import app.supplyline.local.StackSettings;
import app.supplyline.local.Topics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the session-service's intake on this machine — accepted sessions per second and latency for single
 * POSTs and for batches at saturation, and how fast the relay drains to Kafka — beside the reference ceilings
 * measured in the same run on the same servers: Kafka's own producer benchmark and PostgreSQL's insert rate.
 * Prints a table and writes it as JSON. Not a test: nothing here passes or fails.
 */
public final class IntakeBenchmark {

    static final int PARENTS = 200;
    static final Duration WARMUP = Duration.ofSeconds(30);
    static final Duration MEASURE = Duration.ofSeconds(30);
    static final int SINGLE_CONCURRENCY = 32;
    static final int BATCH_CONCURRENCY = 4;
    static final int BATCH_SIZE = 500;
    static final int HOSTILE_CONCURRENCY = 20;
    static final Duration HOSTILE_MEASURE = Duration.ofSeconds(15);
    /** Which loads to run: BENCH_INTAKE_LOADS=single, batch or hostile runs some of them (all by default). */
    static final List<String> LOADS = List.of(
            java.util.Objects.requireNonNullElse(System.getenv("BENCH_INTAKE_LOADS"), "single,batch,hostile").split(","));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final AtomicLong slot = new AtomicLong();
    private final Instant firstSlot = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(360, ChronoUnit.DAYS);
    private List<String> tokens;
    private String baseUrl;

    public static void main(String[] args) throws Exception {
        new IntakeBenchmark().run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("supplyline-bench");
        BenchSupport.describeMachine(results);
        try (PostgresServer postgres = new PostgresServer(Ports.freePort(), dir.resolve("postgres"),
                StackSettings.defaultCacheDir());
                KafkaServer kafka = new KafkaServer(Ports.freePort(), Ports.freePort(), dir.resolve("kafka"))) {
            postgres.start();
            postgres.ensureDatabase("session");
            postgres.ensureDatabase("bench");
            kafka.start();
            kafka.createTopics(Topics.ALL);
            kafka.createTopics(Map.of("bench.producer-perf", 6));

            System.out.println("Reference: Kafka producer-perf-test (acks=all, idempotent, 400-byte records) ...");
            Ceilings.kafkaProducer(kafka, dir, results);
            System.out.println("Reference: PostgreSQL insert rate ...");
            Ceilings.postgresInserts(postgres, dir, results);

            BenchSupport issuer = new BenchSupport();
            tokens = new ArrayList<>();
            for (int i = 0; i < PARENTS; i++) {
                tokens.add(issuer.token(UUID.randomUUID().toString(), "parent"));
            }
            int port = Ports.freePort();
            baseUrl = "http://localhost:" + port;
            Path app = Path.of(System.getProperty("supplyline.project.dir", ".."))
                    .resolve("session-service/target/quarkus-app/quarkus-run.jar");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("session"));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("session"));
            env.put("QUARKUS_DATASOURCE_USERNAME", "session");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "session");
            env.put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "32");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            // tokens are verified against the bench's key instead of Keycloak (same checks: signature, issuer,
            // audience, expiry); the per-user quota is lifted because this measures capacity, not the quota
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.authServerUrl());
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", BenchSupport.ISSUER);
            env.put("SUPPLYLINE_RATE_LIMIT_WRITES_BURST", "1000000000");
            env.put("SUPPLYLINE_RATE_LIMIT_WRITES_PER_SECOND", "1000000000");
            // for profiling: e.g. BENCH_SERVICE_JAVA_OPTIONS=-XX:StartFlightRecording=duration=30s,filename=/tmp/s.jfr
            if (System.getenv("BENCH_SERVICE_JAVA_OPTIONS") != null) {
                env.put("JDK_JAVA_OPTIONS", System.getenv("BENCH_SERVICE_JAVA_OPTIONS"));
            }
            try (ServiceProcess service = new ServiceProcess("session-service", app, port, env,
                    dir.resolve("session-service.log"))) {
                service.start();
                service.awaitReady(Duration.ofMinutes(2));
                if (LOADS.contains("single")) {
                    System.out.println("Single POSTs, " + SINGLE_CONCURRENCY + " concurrent, " + PARENTS + " parents ...");
                    load("single", SINGLE_CONCURRENCY, 1);
                }
                if (LOADS.contains("batch")) {
                    System.out.println("Batches of " + BATCH_SIZE + ", " + BATCH_CONCURRENCY + " concurrent ...");
                    load("batch", BATCH_CONCURRENCY, BATCH_SIZE);
                }
                System.out.println("Relay: waiting for the outbox to drain ...");
                relayDrain();
                if (LOADS.contains("hostile")) {
                    System.out.println("Another parent's reads, alone and beside " + HOSTILE_CONCURRENCY
                            + " clients sending hostile numbers ...");
                    hostile();
                }
            } finally {
                issuer.close();
            }
        }
        report(dir);
    }

    /** Drives the service for warm-up + measurement; records sessions accepted and request latencies. */
    private void load(String name, int concurrency, int sessionsPerRequest) throws Exception {
        long warmupEnd = System.nanoTime() + WARMUP.toNanos();
        long end = warmupEnd + MEASURE.toNanos();
        List<long[]> perThread = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < concurrency; t++) {
                pool.submit(() -> {
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest request = request(sessionsPerRequest);
                        long start = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            long took = System.nanoTime() - start;
                            if (start < warmupEnd) {
                                continue;
                            }
                            int ok = sessionsPerRequest == 1 ? (response.statusCode() == 201 ? 1 : 0)
                                    : countCreated(response.body());
                            accepted.addAndGet(ok);
                            failed.addAndGet(sessionsPerRequest - ok);
                            if (n < latencies.length) {
                                latencies[n++] = took;
                            }
                        } catch (IOException | InterruptedException e) {
                            failed.incrementAndGet();
                        }
                    }
                    perThread.add(java.util.Arrays.copyOf(latencies, n));
                    return null;
                });
            }
        }
        long[] all = perThread.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        double seconds = MEASURE.toNanos() / 1e9;
        results.put(name + ".sessionsPerSecond", Math.round(accepted.get() / seconds));
        results.put(name + ".requestsPerSecond", Math.round(all.length / seconds));
        results.put(name + ".p50Ms", BenchSupport.percentile(all, 0.50));
        results.put(name + ".p99Ms", BenchSupport.percentile(all, 0.99));
        results.put(name + ".refused", failed.get());
    }

    /**
     * Issue 14: one parent's reads ({@code GET /api/sessions}) measured alone, then while {@value #HOSTILE_CONCURRENCY}
     * clients of other parents send bodies whose numbers would cost minutes to compute with ({@code 1e1000000},
     * {@code 1e-1000000}, a 10,000-digit integer); every hostile body must be answered 400.
     */
    private void hostile() throws Exception {
        String reader = tokens.get(0);
        List<String> bodies = List.of("1e1000000", "1e-1000000", "9".repeat(10_000)).stream()
                .map(n -> session(0, null).replaceFirst("\"leftMl\":[0-9.]+", "\"leftMl\":" + n)).toList();
        long[] alone = reads(reader, HOSTILE_MEASURE);
        AtomicLong refused = new AtomicLong();
        AtomicLong other = new AtomicLong();
        long end = System.nanoTime() + HOSTILE_MEASURE.toNanos();
        long[] beside;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < HOSTILE_CONCURRENCY; t++) {
                String token = tokens.get(1 + t);
                int first = t;
                pool.submit(() -> {
                    for (int i = first; System.nanoTime() < end; i++) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/sessions"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
                        try {
                            (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 400 ? refused : other)
                                    .incrementAndGet();
                        } catch (IOException | InterruptedException e) {
                            other.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            beside = reads(reader, HOSTILE_MEASURE);
        }
        results.put("hostile.requests", refused.get() + other.get());
        results.put("hostile.answered400", refused.get());
        results.put("hostile.otherAnswers", other.get());
        results.put("reads.alone.p50Ms", BenchSupport.percentile(alone, 0.50));
        results.put("reads.alone.p99Ms", BenchSupport.percentile(alone, 0.99));
        results.put("reads.besideHostile.p50Ms", BenchSupport.percentile(beside, 0.50));
        results.put("reads.besideHostile.p99Ms", BenchSupport.percentile(beside, 0.99));
    }

    /** One client reading the parent's first page of sessions back to back for {@code how long}; latencies sorted. */
    private long[] reads(String token, Duration howLong) throws Exception {
        long end = System.nanoTime() + howLong.toNanos();
        List<Long> latencies = new ArrayList<>();
        while (System.nanoTime() < end) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/sessions?limit=50"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build();
            long start = System.nanoTime();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("a read answered " + status);
            }
            latencies.add(System.nanoTime() - start);
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private HttpRequest request(int sessions) {
        long n = slot.getAndAdd(sessions);
        int parent = (int) ((n / sessions) % PARENTS);
        String body;
        if (sessions == 1) {
            body = session(n / PARENTS, null);
        } else {
            StringBuilder items = new StringBuilder("{\"items\":[");
            for (int i = 0; i < sessions; i++) {
                items.append(i == 0 ? "" : ",").append(session(n / PARENTS + i, "c-" + (n + i)));
            }
            body = items.append("]}").toString();
        }
        return HttpRequest.newBuilder(URI.create(baseUrl + (sessions == 1 ? "/api/sessions" : "/api/sessions/batch")))
                .header("Authorization", "Bearer " + tokens.get(parent))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A 20-minute pumping in its own 30-minute slot of the parent's last year, so that no two overlap. */
    private String session(long slotOfParent, String clientId) {
        Instant start = firstSlot.plus((slotOfParent % 17_000) * 30, ChronoUnit.MINUTES);
        return (clientId == null ? "{" : "{\"clientId\":\"" + clientId + "\",")
                + "\"type\":\"PUMPING\",\"startedAt\":\"" + start + "\",\"endedAt\":\""
                + start.plus(20, ChronoUnit.MINUTES) + "\",\"leftMl\":" + (40 + slotOfParent % 60)
                + ",\"rightMl\":" + (35 + slotOfParent % 50) + ",\"handsOn\":true}";
    }

    private int countCreated(String body) {
        int count = 0;
        int at = body.indexOf("\"status\":201");
        while (at >= 0) {
            count++;
            at = body.indexOf("\"status\":201", at + 1);
        }
        return count;
    }

    /** After the load: how long the relay takes to publish everything still in the outbox, in events/s. */
    private void relayDrain() throws Exception {
        long start = System.nanoTime();
        long pendingAtStart = metric("supplyline_outbox_pending");
        BenchSupport.waitUntil(Duration.ofMinutes(5), Duration.ofMillis(500),
                () -> metric("supplyline_outbox_pending") == 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        results.put("relay.backlogAfterLoad", pendingAtStart);
        results.put("relay.drainSeconds", Math.round(seconds * 10) / 10.0);
        results.put("relay.publishedTotal", metric("supplyline_outbox_published_total"));
    }

    private long metric(String name) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(2)) : -1;
    }

    private void report(Path dir) throws IOException {
        double kafka = results.get("kafka.recordsPerSecond") instanceof Number n ? n.doubleValue() : Double.NaN;
        double pg = results.get("postgres.insertsPerSecond") instanceof Number n ? n.doubleValue() : Double.NaN;
        for (String load : LOADS) {
            if (!(results.get(load + ".sessionsPerSecond") instanceof Number n)) {
                continue; // the hostile phase accepts nothing
            }
            double rate = n.doubleValue();
            results.put(load + ".ratioToKafka", Math.round(rate / kafka * 1000) / 1000.0);
            results.put(load + ".ratioToPostgres", Math.round(rate / pg * 1000) / 1000.0);
        }
        if (results.get("reads.alone.p99Ms") instanceof Number alone
                && results.get("reads.besideHostile.p99Ms") instanceof Number beside) {
            results.put("reads.p99RatioBesideHostileToAlone", Math.round(beside.doubleValue() / alone.doubleValue() * 100) / 100.0);
        }
        BenchSupport.report("Supplyline intake benchmark", results, "bench-results.json", dir);
    }
}
