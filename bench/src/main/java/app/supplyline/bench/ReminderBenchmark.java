package app.supplyline.bench;

import app.supplyline.local.KafkaServer;
import app.supplyline.local.LocalPushService;
import app.supplyline.local.Ports;
import app.supplyline.local.PostgresServer;
import app.supplyline.local.ServiceProcess;
import app.supplyline.local.StackSettings;
import app.supplyline.local.Topics;
import com.zerodeplibs.webpush.PushSubscription;
import com.zerodeplibs.webpush.VAPIDKeyPair;
import com.zerodeplibs.webpush.VAPIDKeyPairs;
import com.zerodeplibs.webpush.httpclient.StandardHttpClientRequestPreparer;
import com.zerodeplibs.webpush.key.PrivateKeySources;
import com.zerodeplibs.webpush.key.PublicKeySources;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the notification-service's reminder path on this machine: 100,000 parents, each with one subscribed
 * device at the local push service, all due at the same instant; how many reminders per second reach the push
 * service (encrypted, VAPID-signed, decrypted and checked there) and the delay from the due time to the push being
 * accepted. The herd comes twice on the same database and service (the second time with cached plans and grown
 * tables: a claim whose plan degenerates shows there). Beside it, the ceiling of the same push path without the
 * service: this JVM encrypts and signs with the same library and posts straight to the same push service. Prints a
 * table and writes it as JSON. Not a test.
 */
public final class ReminderBenchmark {

    static final int PARENTS = 100_000;
    static final int CEILING_PUSHES = 10_000;

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final java.util.Set<String> reminderDevices = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws Exception {
        new ReminderBenchmark().run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("supplyline-bench-reminders");
        BenchSupport.describeMachine(results);
        try (PostgresServer postgres = new PostgresServer(Ports.freePort(), dir.resolve("postgres"),
                StackSettings.defaultCacheDir());
                KafkaServer kafka = new KafkaServer(Ports.freePort(), Ports.freePort(), dir.resolve("kafka"));
                LocalPushService push = new LocalPushService(Ports.freePort());
                BenchSupport issuer = new BenchSupport()) {
            postgres.start();
            postgres.ensureDatabase("notification");
            kafka.start();
            kafka.createTopics(Topics.ALL);
            push.start();

            System.out.println("Reference: encrypting, signing and posting " + CEILING_PUSHES + " pushes straight to the push service ...");
            ceiling(push);

            int port = Ports.freePort();
            Path app = Path.of(System.getProperty("supplyline.project.dir", ".."))
                    .resolve("notification-service/target/quarkus-app/quarkus-run.jar");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("notification"));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("notification"));
            env.put("QUARKUS_DATASOURCE_USERNAME", "notification");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "notification");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("SUPPLYLINE_PUSH_LOCAL_SERVICE", push.origin());
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.authServerUrl());
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", BenchSupport.ISSUER);
            env.put("SUPPLYLINE_PUSH_VAPID_KEY_FILE", dir.resolve("vapid-keys.properties").toString());
            env.put("SUPPLYLINE_REMINDERS_TICK", "1s");
            try (ServiceProcess service = new ServiceProcess("notification-service", app, port, env,
                    dir.resolve("notification-service.log"));
                    Connection db = DriverManager.getConnection(postgres.jdbcUrl("notification"), "notification", "notification")) {
                service.start();
                service.awaitReady(Duration.ofMinutes(2));
                System.out.println("Subscribing " + PARENTS + " parents' devices ...");
                Instant due = subscribeAll(db, push);
                System.out.println("Round 1: all due at " + due + "; waiting for the pushes ...");
                measure(push, due, "round1", 0);
                // the same herd again on the same database and service: plans cached, tables grown (100,000
                // notifications, the deliveries' dead rows), statistics as the first round left them
                Instant again = dueAgain(db);
                System.out.println("Round 2: all due again at " + again + "; waiting for the pushes ...");
                measure(push, again, "round2", PARENTS);
                results.put("service.failedDeliveries", scalar(db, "SELECT count(*) FROM push_delivery WHERE state = 'FAILED'"));
                results.put("service.remindersInInbox", scalar(db, "SELECT count(*) FROM notification WHERE kind = 'REMINDER'"));
            }
            results.put("pushService.refused", push.refused().size());
        }
        double ceiling = ((Number) results.get("ceiling.pushesPerSecond")).doubleValue();
        for (String round : List.of("round1", "round2")) {
            double rate = ((Number) results.get("reminders." + round + ".pushesPerSecond")).doubleValue();
            results.put("reminders." + round + ".ratioToCeiling", Math.round(rate / ceiling * 1000) / 1000.0);
        }
        BenchSupport.report("Supplyline reminder benchmark", results, "bench-reminders-results.json", dir);
    }

    /** The push path alone: this JVM encrypts and signs with zerodep and posts with 32 concurrent requests. */
    private void ceiling(LocalPushService push) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        // one token reused for the run (15 minutes of validity), as the service reuses its tokens per push service
        VAPIDKeyPair vapid = VAPIDKeyPairs.of(PrivateKeySources.ofPKCS8Bytes(keys.getPrivate().getEncoded()),
                PublicKeySources.ofECPublicKey((ECPublicKey) keys.getPublic()), (privateKey, publicKey) -> {
                    var signer = new com.zerodeplibs.webpush.jwt.DefaultVAPIDJWTGeneratorFactory().create(privateKey, publicKey);
                    var token = new java.util.concurrent.atomic.AtomicReference<String>();
                    return param -> token.updateAndGet(t -> t != null ? t : signer.generate(param));
                });
        List<LocalPushService.Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            subscriptions.add(push.subscribe());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int t = 0; t < 32; t++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < CEILING_PUSHES; i = next.getAndIncrement()) {
                        LocalPushService.Subscription s = subscriptions.get(i % subscriptions.size());
                        PushSubscription subscription = new PushSubscription();
                        subscription.setEndpoint(s.endpoint());
                        PushSubscription.Keys k = new PushSubscription.Keys();
                        k.setP256dh(s.p256dh());
                        k.setAuth(s.auth());
                        subscription.setKeys(k);
                        HttpRequest request = StandardHttpClientRequestPreparer.getBuilder().pushSubscription(subscription)
                                .pushMessage("{\"kind\":\"REMINDER\",\"title\":\"Time to pump\",\"body\":\"It has been a while since your last session.\"}")
                                .ttl(1, TimeUnit.HOURS).urgencyNormal().vapidJWTExpiresAfter(15, TimeUnit.MINUTES)
                                .vapidJWTSubject("mailto:bench@supplyline.app").build(vapid).toRequest();
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 201) {
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        results.put("ceiling.accepted", accepted.get());
        results.put("ceiling.pushesPerSecond", Math.round(accepted.get() / seconds));
    }

    /** One device per parent at the push service, subscriptions and due clocks written straight to the database. */
    private Instant subscribeAll(Connection db, LocalPushService push) throws Exception {
        List<String> parents = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> endpoints = new ArrayList<>();
        List<String> p256dh = new ArrayList<>();
        List<String> auth = new ArrayList<>();
        for (int i = 0; i < PARENTS; i++) {
            LocalPushService.Subscription s = push.subscribe();
            reminderDevices.add(s.id());
            parents.add("bench-parent-" + i);
            ids.add(UUID.randomUUID().toString());
            endpoints.add(s.endpoint());
            p256dh.add(s.p256dh());
            auth.add(s.auth());
        }
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO push_subscription (id, user_id, endpoint, p256dh, auth, created_at)
                SELECT u.id::uuid, u.user_id, u.endpoint, u.p256dh, u.auth, now()
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, user_id, endpoint, p256dh, auth)""")) {
            ps.setArray(1, array(db, ids));
            ps.setArray(2, array(db, parents));
            ps.setArray(3, array(db, endpoints));
            ps.setArray(4, array(db, p256dh));
            ps.setArray(5, array(db, auth));
            ps.execute();
        }
        Instant due = Instant.now().plusSeconds(3);
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT INTO parent_clock (parent_id, last_removal_end, due_at)
                SELECT p, ?::timestamptz - interval '3 hours', ?::timestamptz FROM unnest(?::text[]) AS p""")) {
            ps.setTimestamp(1, Timestamp.from(due));
            ps.setTimestamp(2, Timestamp.from(due));
            ps.setArray(3, array(db, parents));
            ps.execute();
        }
        try (Statement s = db.createStatement()) {
            s.execute("ANALYZE");
        }
        results.put("reminders.parents", PARENTS);
        return due;
    }

    /** Every parent due again in 3 s, after a new removal (a new gap, so a new reminder). */
    private static Instant dueAgain(Connection db) throws Exception {
        Instant due = Instant.now().plusSeconds(3);
        try (PreparedStatement ps = db.prepareStatement("""
                UPDATE parent_clock SET last_removal_end = ?::timestamptz - interval '3 hours', due_at = ?::timestamptz
                 WHERE parent_id LIKE 'bench-parent-%'""")) {
            ps.setTimestamp(1, Timestamp.from(due));
            ps.setTimestamp(2, Timestamp.from(due));
            ps.execute();
        }
        return due;
    }

    /** Waits for the round's pushes (those after the first {@code before}) and records its figures. */
    private void measure(LocalPushService push, Instant due, String round, int before) throws Exception {
        BenchSupport.waitUntil(Duration.ofMinutes(15), Duration.ofMillis(500), () -> reminders(push).size() >= before + PARENTS);
        List<LocalPushService.Received> all = reminders(push).stream().filter(r -> !r.receivedAt().isBefore(due)).toList();
        long[] delays = all.stream().mapToLong(r -> Duration.between(due, r.receivedAt()).toNanos()).sorted().toArray();
        Instant last = all.stream().map(LocalPushService.Received::receivedAt).max(Instant::compareTo).orElse(due);
        Instant first = all.stream().map(LocalPushService.Received::receivedAt).min(Instant::compareTo).orElse(due);
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        String key = "reminders." + round + ".";
        results.put(key + "pushesAccepted", all.size());
        results.put(key + "seconds", Math.round(seconds * 10) / 10.0);
        results.put(key + "pushesPerSecond", Math.round(all.size() / Math.max(seconds, 0.001)));
        results.put(key + "delayP50Seconds", Math.round(BenchSupport.percentile(delays, 0.50) / 100.0) / 10.0);
        results.put(key + "delayP99Seconds", Math.round(BenchSupport.percentile(delays, 0.99) / 100.0) / 10.0);
        results.put(key + "firstPushAfterDueSeconds", Math.round(Duration.between(due, first).toMillis() / 100.0) / 10.0);
    }

    /** The pushes that reached the parents' devices (not the ceiling's). */
    private List<LocalPushService.Received> reminders(LocalPushService push) {
        return push.received().stream().filter(r -> reminderDevices.contains(r.subscriptionId())).toList();
    }

    private static Array array(Connection db, List<String> values) throws Exception {
        return db.createArrayOf("text", values.toArray());
    }

    private static long scalar(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
