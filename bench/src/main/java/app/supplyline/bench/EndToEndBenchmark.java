package app.supplyline.bench;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.LocalStack;
import app.supplyline.local.Ports;
import app.supplyline.local.StackSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end figures of the whole local stack (PostgreSQL, Kafka, Keycloak, the three services, the local push
 * service) on this machine, driven over HTTP with real Keycloak tokens, the load generator in the same run:
 * <ol>
 * <li>saturation: single session POSTs from 16 closed-loop clients — accepted sessions/s, p50/p99;</li>
 * <li>steady load: 1,000 sessions/s offered open-loop (offline-sync batches of 20 from 100 parents) while probe
 * parents log single sessions and poll their trend until the session counts (POST → trend visible), and parents at
 * WATCH log the one session that turns them to SEEK_HELP (POST → SEEK_HELP push received by the push service);</li>
 * <li>replay: a projection rebuild of analytics over everything logged (events/s);</li>
 * <li>ceilings, same run, same servers: Kafka's producer and consumer performance tools and pgbench.</li>
 * </ol>
 * Prints a table and writes target/e2e-results.json. Run with {@code ./mvnw -Pbench} (see README).
 */
public final class EndToEndBenchmark {

    static final Duration WARMUP = Duration.ofSeconds(5);
    static final Duration SATURATION = Duration.ofSeconds(30);
    static final Duration LOAD = Duration.ofSeconds(60);
    static final int SATURATION_CLIENTS = 16;
    static final int OFFERED_PER_SECOND = 1_000;
    static final int BATCH = 20;
    static final int LOAD_PARENTS = 100;
    static final int TREND_PROBES = 4;
    static final int DROP_PARENTS = 30;

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();
    private final StackSettings settings;
    private final LocalStack stack;
    /** Per load parent, the next free half-hour slot, so that no two of their sessions overlap. */
    private final Map<String, AtomicInteger> slots = new java.util.concurrent.ConcurrentHashMap<>();
    private final OffsetDateTime slotBase = OffsetDateTime.now(ZoneOffset.UTC).minusDays(300).withNano(0);

    private EndToEndBenchmark(StackSettings settings) {
        this.settings = settings;
        this.stack = new LocalStack(settings);
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(System.getProperty("supplyline.project.dir", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("supplyline-e2e");
        StackSettings settings = new StackSettings(dir, StackSettings.defaultCacheDir(), project, Ports.freePort(),
                Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort());
        EndToEndBenchmark bench = new EndToEndBenchmark(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(bench.stack::stopAll, "e2e-bench-stop"));
        try {
            bench.run(dir);
        } finally {
            bench.stack.stopAll();
        }
        System.exit(0);
    }

    private void run(Path dir) throws Exception {
        BenchSupport.describeMachine(results);
        results.put("stack", "deploy/local: PostgreSQL, Kafka, Keycloak, 3 services (-Xmx256m each), local push service");
        stack.start(true);
        String admin = adminToken();
        // tokens of this run outlive its few minutes; nothing else changes in the dev realm's settings
        send("PUT", keycloak() + "/admin/realms/supplyline", admin, "{\"accessTokenLifespan\":3600}", 204);

        List<String> loadParents = users("parent", LOAD_PARENTS, admin);
        List<String> probes = users("parent", TREND_PROBES, admin);
        List<String> dropping = users("parent", DROP_PARENTS, admin);
        Map<String, String> phones = prepareDrops(dropping);

        saturation(loadParents);
        steadyLoad(loadParents, probes, dropping, phones);
        replay(dir);

        stack.postgres().ensureDatabase("bench");
        stack.kafka().createTopics(Map.of("bench.producer-perf", 6));
        Ceilings.kafkaProducer(stack.kafka(), dir, results);
        Ceilings.postgresInserts(stack.postgres(), dir, results);
        ratios();
        BenchSupport.report("Supplyline end-to-end benchmark (the whole local stack)", results, "e2e-results.json",
                settings.dataDir().resolve("logs"));
    }

    /** Phase 1: single POSTs from closed-loop clients as fast as the stack accepts them. */
    private void saturation(List<String> parents) throws Exception {
        AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + WARMUP.plus(SATURATION).toNanos();
        measuring.set(start + WARMUP.toNanos());
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < SATURATION_CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        String parent = parents.get((client + SATURATION_CLIENTS * i++) % parents.size());
                        long t0 = System.nanoTime();
                        int status = send("POST", session() + "/api/sessions", token(parent), pumping(parent, 60, 55), -1)
                                .statusCode();
                        if (t0 >= measuring.get()) {
                            if (status == 201) {
                                latencies.add(System.nanoTime() - t0);
                            } else {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
        }
        long[] sorted = sorted(latencies);
        results.put("single.clients", SATURATION_CLIENTS);
        results.put("single.sessionsPerSecond", Math.round(sorted.length / (double) SATURATION.toSeconds()));
        results.put("single.p50Ms", BenchSupport.percentile(sorted, 0.50));
        results.put("single.p99Ms", BenchSupport.percentile(sorted, 0.99));
        results.put("single.refused", refused.get());
    }

    /**
     * Phase 2: 1,000 sessions/s offered open-loop as batches, with trend probes and seek-help triggers running
     * through it.
     */
    private void steadyLoad(List<String> parents, List<String> probes, List<String> dropping, Map<String, String> phones)
            throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<Long> batchLatencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> trendLatencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> probePostLatencies = new ConcurrentLinkedQueue<>();
        AtomicInteger trendMisses = new AtomicInteger();
        Map<String, Instant> triggered = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long periodMicros = 1_000_000L * BATCH / OFFERED_PER_SECOND;
        long start = System.nanoTime();
        long end = start + LOAD.toNanos();

        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        pacer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() >= end) {
                return;
            }
            String parent = parents.get(next.getAndIncrement() % parents.size());
            long t0 = System.nanoTime();
            http.sendAsync(request("POST", session() + "/api/sessions/batch", token(parent), batch(parent)),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 200) {
                            failed.addAndGet(BATCH);
                            return;
                        }
                        batchLatencies.add(System.nanoTime() - t0);
                        long ok = countCreated(response.body());
                        accepted.addAndGet(ok);
                        failed.addAndGet(BATCH - ok);
                    });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);

        try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (String probe : probes) {
                running.add(probing.submit(() -> trendProbe(probe, end, trendLatencies, probePostLatencies, trendMisses)));
            }
            running.add(probing.submit(() -> {
                for (String parent : dropping) {
                    if (System.nanoTime() >= end) {
                        break;
                    }
                    triggered.put(parent, Instant.now());
                    send("POST", session() + "/api/sessions", token(parent), trigger(), 201);
                    pause(Duration.ofNanos(LOAD.toNanos() / DROP_PARENTS));
                }
                return null;
            }));
            for (Future<?> f : running) {
                f.get();
            }
        }
        pacer.shutdown();
        pacer.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchSupport.waitUntil(Duration.ofMinutes(2), Duration.ofMillis(200),
                () -> accepted.get() + failed.get() >= (long) next.get() * BATCH);

        long[] batches = sorted(batchLatencies);
        results.put("load.offeredSessionsPerSecond", OFFERED_PER_SECOND);
        results.put("load.acceptedSessionsPerSecond", Math.round((accepted.get() + probePostLatencies.size()) / seconds));
        results.put("load.failedSessions", failed.get());
        results.put("load.batchOf20.p50Ms", BenchSupport.percentile(batches, 0.50));
        results.put("load.batchOf20.p99Ms", BenchSupport.percentile(batches, 0.99));
        long[] probePosts = sorted(probePostLatencies);
        results.put("load.singlePost.p50Ms", BenchSupport.percentile(probePosts, 0.50));
        results.put("load.singlePost.p99Ms", BenchSupport.percentile(probePosts, 0.99));
        long[] trend = sorted(trendLatencies);
        results.put("e2e.postToTrend.samples", trend.length);
        results.put("e2e.postToTrend.p50Ms", BenchSupport.percentile(trend, 0.50));
        results.put("e2e.postToTrend.p99Ms", BenchSupport.percentile(trend, 0.99));
        results.put("e2e.postToTrend.notSeenWithin30s", trendMisses.get());

        // each trigger's SEEK_HELP push, as the push service received it (decrypted, VAPID-checked)
        LocalPushService push = stack.push();
        BenchSupport.waitUntil(Duration.ofMinutes(2), Duration.ofMillis(200), () -> triggered.keySet().stream()
                .allMatch(p -> firstSeekHelp(push, phones.get(p)) != null));
        List<Long> pushLatencies = new ArrayList<>();
        triggered.forEach((parent, sent) -> {
            Instant received = firstSeekHelp(push, phones.get(parent));
            if (received != null) {
                pushLatencies.add(Duration.between(sent, received).toNanos());
            }
        });
        long[] pushes = sorted(pushLatencies);
        results.put("e2e.postToSeekHelpPush.samples", pushes.length + " of " + triggered.size());
        results.put("e2e.postToSeekHelpPush.p50Ms", BenchSupport.percentile(pushes, 0.50));
        results.put("e2e.postToSeekHelpPush.p99Ms", BenchSupport.percentile(pushes, 0.99));
    }

    /** Every 2 s: one session, then the trend polled every 25 ms until it counts that session. */
    private Void trendProbe(String probe, long end, ConcurrentLinkedQueue<Long> trendLatencies,
            ConcurrentLinkedQueue<Long> postLatencies, AtomicInteger misses) throws Exception {
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC).minusDays(5).withNano(0);
        int logged = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            OffsetDateTime start = first.plusMinutes(25L * logged);
            send("POST", session() + "/api/sessions", token(probe), "{\"type\":\"PUMPING\",\"startedAt\":\"" + start
                    + "\",\"endedAt\":\"" + start.plusMinutes(10) + "\",\"leftMl\":60,\"rightMl\":55}", 201);
            postLatencies.add(System.nanoTime() - t0);
            logged++;
            int expected = logged;
            boolean seen = BenchSupport.waitUntil(Duration.ofSeconds(30), Duration.ofMillis(25),
                    () -> removals(probe) >= expected);
            if (seen) {
                trendLatencies.add(System.nanoTime() - t0);
            } else {
                misses.incrementAndGet();
            }
            pause(Duration.ofNanos(Math.max(0, Duration.ofSeconds(2).toNanos() - (System.nanoTime() - t0))));
        }
        return null;
    }

    /** Phase 3: the analytics projections rebuilt from the whole sessions topic. */
    private void replay(Path dir) throws Exception {
        String admin1 = password("admin1");
        send("POST", analytics() + "/api/admin/rebuild", admin1, null, 202);
        BenchSupport.waitUntil(Duration.ofMinutes(10), Duration.ofMillis(500),
                () -> "DONE".equals(json.readTree(send("GET", analytics() + "/api/admin/rebuild", admin1, null, 200).body())
                        .path("state").asText()));
        JsonNode state = json.readTree(send("GET", analytics() + "/api/admin/rebuild", admin1, null, 200).body());
        long events = state.path("replayedEvents").asLong();
        double seconds = Duration.between(Instant.parse(state.path("startedAt").asText()),
                Instant.parse(state.path("finishedAt").asText())).toMillis() / 1000.0;
        results.put("replay.events", events);
        results.put("replay.seconds", seconds);
        results.put("replay.eventsPerSecond", Math.round(events / seconds));
        Ceilings.kafkaConsumer(stack.kafka(), dir, events, results);
    }

    private void ratios() {
        put("ratio.singleToPostgresInserts", "single.sessionsPerSecond", "postgres.insertsPerSecond");
        put("ratio.loadToPostgresInserts", "load.acceptedSessionsPerSecond", "postgres.insertsPerSecond");
        put("ratio.loadToKafkaProducer", "load.acceptedSessionsPerSecond", "kafka.recordsPerSecond");
        put("ratio.replayToKafkaConsumer", "replay.eventsPerSecond", "kafka.consumerRecordsPerSecond");
        results.put("target.postToTrendP99Under1s", number("e2e.postToTrend.p99Ms") < 1000
                && number("load.acceptedSessionsPerSecond") >= 0.98 * OFFERED_PER_SECOND);
        results.put("target.postToPushP99Under2s", number("e2e.postToSeekHelpPush.p99Ms") < 2000);
    }

    private void put(String key, String figure, String ceiling) {
        results.put(key, Math.round(number(figure) / number(ceiling) * 1000) / 1000.0);
    }

    private double number(String key) {
        return results.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Parents at WATCH, one session away from SEEK_HELP: 14 days of 8 regular pumpings, 100 mL each in the baseline
     * week and 85 mL in the last week (−15 %), and a phone with the push service. {@link #trigger()} adds a
     * forgotten 500 mL session to the baseline week: the change falls to about −22 %, past the −20 % threshold.
     */
    private Map<String, String> prepareDrops(List<String> parents) throws Exception {
        Map<String, String> phones = new java.util.concurrent.ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<?>> done = new ArrayList<>();
            for (String parent : parents) {
                done.add(pool.submit(() -> {
                    send("PUT", session() + "/api/profile", token(parent), "{\"timezone\":\"UTC\"}", 200);
                    LocalPushService.Subscription phone = stack.push().subscribe();
                    send("POST", notification() + "/api/push/subscriptions", token(parent), json.writeValueAsString(
                            Map.of("endpoint", phone.endpoint(), "keys", Map.of("p256dh", phone.p256dh(), "auth", phone.auth()))),
                            201);
                    phones.put(parent, phone.id());
                    StringBuilder items = new StringBuilder("{\"items\":[");
                    LocalDate today = LocalDate.now(ZoneOffset.UTC);
                    for (int d = 14; d >= 1; d--) {
                        for (int i = 0; i < 8; i++) {
                            OffsetDateTime s = today.minusDays(d).atTime(0, 30).atOffset(ZoneOffset.UTC).plusMinutes(i * 172L);
                            double side = d > 7 ? 50 : 42.5;
                            items.append(d == 14 && i == 0 ? "" : ",").append("{\"clientId\":\"h").append(d).append('-').append(i)
                                    .append("\",\"type\":\"PUMPING\",\"startedAt\":\"").append(s).append("\",\"endedAt\":\"")
                                    .append(s.plusMinutes(20)).append("\",\"leftMl\":").append(side).append(",\"rightMl\":")
                                    .append(side).append('}');
                        }
                    }
                    send("POST", session() + "/api/sessions/batch", token(parent), items.append("]}").toString(), 200);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        boolean watching = BenchSupport.waitUntil(Duration.ofMinutes(3), Duration.ofSeconds(1), () -> parents.stream()
                .allMatch(p -> "WATCH".equals(trend(p).path("status").asText())));
        if (!watching) {
            Map<String, List<String>> byStatus = new java.util.TreeMap<>();
            parents.forEach(p -> byStatus.computeIfAbsent(trend(p).path("status").asText(), k -> new ArrayList<>()).add(p));
            String odd = byStatus.entrySet().stream().filter(e -> !e.getKey().equals("WATCH")).findFirst()
                    .map(e -> trend(e.getValue().get(0)).toString()).orElse("");
            throw new IllegalStateException("The prepared parents did not all reach WATCH: " + byStatus + "\n" + odd);
        }
        return phones;
    }

    private String trigger() {
        OffsetDateTime at = LocalDate.now(ZoneOffset.UTC).minusDays(10).atTime(2, 0).atOffset(ZoneOffset.UTC);
        return "{\"type\":\"PUMPING\",\"startedAt\":\"" + at + "\",\"endedAt\":\"" + at.plusMinutes(20)
                + "\",\"leftMl\":250,\"rightMl\":250}";
    }

    private static Instant firstSeekHelp(LocalPushService push, String device) {
        return push.received(device).stream().filter(r -> r.payload().contains("\"kind\":\"SEEK_HELP\""))
                .map(LocalPushService.Received::receivedAt).min(Instant::compareTo).orElse(null);
    }

    private String pumping(String parent, int left, int right) {
        OffsetDateTime start = slotBase.plusMinutes(30L * slots.computeIfAbsent(parent, p -> new AtomicInteger()).getAndIncrement());
        return "{\"type\":\"PUMPING\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(15)
                + "\",\"leftMl\":" + left + ",\"rightMl\":" + right + "}";
    }

    private String batch(String parent) {
        StringBuilder items = new StringBuilder("{\"items\":[");
        for (int i = 0; i < BATCH; i++) {
            String item = pumping(parent, 40 + i, 35 + i);
            items.append(i == 0 ? "" : ",").append("{\"clientId\":\"").append(UUID.randomUUID()).append("\",")
                    .append(item, 1, item.length());
        }
        return items.append("]}").toString();
    }

    private long countCreated(String body) {
        try {
            long n = 0;
            for (JsonNode r : json.readTree(body).path("results")) {
                n += r.path("status").asInt() == 201 ? 1 : 0;
            }
            return n;
        } catch (Exception e) {
            return 0;
        }
    }

    private int removals(String parent) throws Exception {
        int sum = 0;
        for (JsonNode day : trend(parent).path("days")) {
            sum += day.path("removals").asInt();
        }
        return sum;
    }

    private JsonNode trend(String parent) {
        try {
            return json.readTree(send("GET", analytics() + "/api/trends/me?days=7", token(parent), null, 200).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- users and tokens (Keycloak) ---

    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private String token(String user) {
        return tokens.computeIfAbsent(user, this::password);
    }

    private String password(String user) {
        String form = "grant_type=password&client_id=supplyline-web&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(user + "-dev", StandardCharsets.UTF_8);
        return tokenFrom(keycloak() + "/realms/supplyline/protocol/openid-connect/token", form);
    }

    private String adminToken() {
        return tokenFrom(keycloak() + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=admin&password=admin");
    }

    private String tokenFrom(String url, String form) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token from " + url + ": " + r.statusCode() + " " + r.body());
            }
            return json.readTree(r.body()).path("access_token").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code n} new users with one realm role, made through Keycloak's admin API (password {@code <name>-dev}). */
    private List<String> users(String role, int n, String admin) throws Exception {
        String roleJson = send("GET", keycloak() + "/admin/realms/supplyline/roles/" + role, admin, null, 200).body();
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                made.add(pool.submit(() -> {
                    String name = "e2e-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
                    HttpResponse<String> created = send("POST", keycloak() + "/admin/realms/supplyline/users", admin,
                            json.writeValueAsString(Map.of("username", name, "enabled", true, "firstName", "Bench",
                                    "lastName", name, "email", name + "@example.org", "emailVerified", true,
                                    "credentials", List.of(Map.of("type", "password", "value", name + "-dev", "temporary", false)))),
                            201);
                    String location = created.headers().firstValue("Location").orElseThrow();
                    send("POST", location + "/role-mappings/realm", admin, "[" + roleJson + "]", 204);
                    token(name);
                    names.add(name);
                    return null;
                }));
            }
            for (Future<?> f : made) {
                f.get();
            }
        }
        return new ArrayList<>(names);
    }

    // --- HTTP ---

    private HttpRequest request(String method, String url, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Sends and, unless {@code expected} is −1, fails on another status. */
    private HttpResponse<String> send(String method, String url, String token, String body, int expected) {
        try {
            HttpResponse<String> r = http.send(request(method, url, token, body), HttpResponse.BodyHandlers.ofString());
            if (expected != -1 && r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
            }
            return r;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long[] sorted(java.util.Collection<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Paces the load generator (not a test wait). */
    private static void pause(Duration d) {
        java.util.concurrent.locks.LockSupport.parkNanos(d.toNanos());
    }

    private String session() {
        return "http://localhost:" + settings.sessionPort();
    }

    private String analytics() {
        return "http://localhost:" + settings.analyticsPort();
    }

    private String notification() {
        return "http://localhost:" + settings.notificationPort();
    }

    private String keycloak() {
        return "http://localhost:" + settings.keycloakPort();
    }
}
