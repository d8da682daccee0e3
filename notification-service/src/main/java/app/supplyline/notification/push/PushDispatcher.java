package app.supplyline.notification.push;

import app.supplyline.notification.inbox.Kind;
import app.supplyline.platform.work.BackgroundTransactions;
import app.supplyline.platform.work.SerialPasses;
import com.zerodeplibs.webpush.PushSubscription;
import com.zerodeplibs.webpush.httpclient.PreparerBuilder;
import com.zerodeplibs.webpush.httpclient.VertxWebClientRequestPreparer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the pending pushes of {@code push_delivery} through Web Push: payload encrypted per RFC 8291 (aes128gcm)
 * and signed with VAPID (RFC 8292) by zerodep-web-push-java, sent with the Vert.x web client; TTL and Urgency by
 * kind (high for the reminders a parent asked for, normal for everything else). Deliveries are claimed with a lease
 * (SKIP LOCKED), so instances share them and a crashed sender's pushes are sent again when the lease ends. 2xx: delivered. 404/410: the
 * subscription is gone and deleted. 429, 5xx, timeouts: retried with exponential back-off and full jitter, never
 * sooner than the push service's Retry-After, until the attempts run out and the failure is recorded. Other 4xx:
 * recorded as failed at once. Outcomes are counted in {@code notifications_sent_total{kind,channel,outcome}}.
 */
@ApplicationScoped
public class PushDispatcher {

    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class);

    private final BackgroundTransactions transactions;
    private final VapidKeys keys;
    private final PushEndpoints endpoints;
    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Duration lease;
    private final Duration retryBase;
    private final Duration retryCap;
    private final int maxAttempts;
    private final Duration pollInterval;
    private final int connections;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final SerialPasses passes = new SerialPasses(this::deliverDue, BATCH, count -> { },
            failure -> LOG.warnf("Push delivery pass failed (will retry): %s", failure.getMessage()));
    private WebClient client;
    private long timer = -1;

    public PushDispatcher(BackgroundTransactions transactions, VapidKeys keys, PushEndpoints endpoints, Vertx vertx, Clock clock, MeterRegistry registry,
            @ConfigProperty(name = "supplyline.push.lease", defaultValue = "PT30S") Duration lease,
            @ConfigProperty(name = "supplyline.push.retry.base", defaultValue = "PT2S") Duration retryBase,
            @ConfigProperty(name = "supplyline.push.retry.cap", defaultValue = "PT5M") Duration retryCap,
            @ConfigProperty(name = "supplyline.push.retry.max-attempts", defaultValue = "6") int maxAttempts,
            @ConfigProperty(name = "supplyline.push.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.push.connections", defaultValue = "32") int connections) {
        this.transactions = transactions;
        this.keys = keys;
        this.endpoints = endpoints;
        this.vertx = vertx;
        this.clock = clock;
        this.registry = registry;
        this.lease = lease;
        this.retryBase = retryBase;
        this.retryCap = retryCap;
        this.maxAttempts = maxAttempts;
        this.pollInterval = pollInterval;
        this.connections = connections;
    }

    void start(@Observes StartupEvent event) {
        client = WebClient.create(vertx.getDelegate(), clientOptions().setMaxPoolSize(connections));
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> nudge());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
        if (client != null) {
            client.close();
        }
    }

    /** Asks for a delivery pass now; passes never overlap within one instance. */
    public void nudge() {
        if (client != null) {
            passes.nudge();
        }
    }

    /**
     * Claims the oldest due deliveries. The batch's ids are locked once, in a MATERIALIZED CTE ({@code LIMIT … FOR
     * UPDATE SKIP LOCKED}), and the rows are then updated by {@code id = ANY(ARRAY(…))}, an index look-up of exactly
     * those ids whatever the planner believes of the batch's size. The subscriptions and notifications they carry are
     * read the same way ({@link #SUBSCRIPTIONS}, {@link #NOTIFICATIONS}). A join instead let a generic plan (a
     * prepared statement after five runs) or stale statistics read whole tables per pass; see ClaimPlanTest.
     */
    static final String CLAIM = """
            WITH due AS MATERIALIZED (
                SELECT id FROM push_delivery
                 WHERE state = 'PENDING' AND next_attempt_at <= $1
                 ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            UPDATE push_delivery d SET next_attempt_at = $2, attempts = d.attempts + 1
             WHERE d.id = ANY (ARRAY(SELECT id FROM due))
            RETURNING d.id, d.attempts, d.notification_id, d.subscription_id""";
    static final String SUBSCRIPTIONS = "SELECT id, endpoint, p256dh, auth FROM push_subscription WHERE id = ANY($1)";
    static final String NOTIFICATIONS = "SELECT id, kind, title, body, data FROM notification WHERE id = ANY($1)";

    private record Delivery(long id, int attempts, String subscriptionId, PushSubscription subscription, Kind kind,
            String payload) {
    }

    private enum Outcome { DELIVERED, GONE, RETRY, FAILED }

    private record Result(Delivery delivery, Outcome outcome, Instant retryAt, String error) {
    }

    /** Claims up to {@link #BATCH} due deliveries, sends them, records the outcomes; returns how many were claimed. */
    Uni<Integer> deliverDue() {
        Instant now = clock.instant();
        return transactions.run(c -> c.preparedQuery(CLAIM)
                        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), now.plus(lease).atOffset(ZoneOffset.UTC), BATCH))
                        .chain(claimed -> claimed.size() == 0 ? Uni.createFrom().item(List.<Delivery>of())
                                : contents(c, claimed)))
                .chain(deliveries -> {
                    if (deliveries.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Result>> sends = deliveries.stream().map(this::send).toList();
                    return Uni.join().all(sends).andCollectFailures()
                            .chain(this::record)
                            .replaceWith(deliveries.size());
                });
    }

    /** The subscription and notification of each claimed delivery. */
    private static Uni<List<Delivery>> contents(SqlConnection c, RowSet<Row> claimed) {
        Set<UUID> subscriptionIds = new HashSet<>();
        Set<UUID> notificationIds = new HashSet<>();
        claimed.forEach(r -> {
            notificationIds.add(r.getUUID(2));
            subscriptionIds.add(r.getUUID(3));
        });
        Map<UUID, PushSubscription> subscriptions = new HashMap<>();
        Map<UUID, Row> notifications = new HashMap<>();
        return c.preparedQuery(SUBSCRIPTIONS).execute(Tuple.of(subscriptionIds.toArray(new UUID[0])))
                .invoke(rows -> rows.forEach(r -> subscriptions.put(r.getUUID(0), subscription(r))))
                .chain(() -> c.preparedQuery(NOTIFICATIONS).execute(Tuple.of(notificationIds.toArray(new UUID[0]))))
                .invoke(rows -> rows.forEach(r -> notifications.put(r.getUUID(0), r)))
                .map(done -> {
                    List<Delivery> deliveries = new ArrayList<>();
                    for (Row r : claimed) {
                        PushSubscription subscription = subscriptions.get(r.getUUID(3));
                        Row n = notifications.get(r.getUUID(2));
                        String payload = new JsonObject().put("id", n.getUUID(0).toString()).put("kind", n.getString(1))
                                .put("title", n.getString(2)).put("body", n.getString(3)).put("data", n.getJsonObject(4))
                                .encode();
                        deliveries.add(new Delivery(r.getLong(0), r.getInteger(1), r.getUUID(3).toString(), subscription,
                                Kind.valueOf(n.getString(1)), payload));
                    }
                    return deliveries;
                });
    }

    private static PushSubscription subscription(Row r) {
        PushSubscription subscription = new PushSubscription();
        subscription.setEndpoint(r.getString(1));
        PushSubscription.Keys keys = new PushSubscription.Keys();
        keys.setP256dh(r.getString(2));
        keys.setAuth(r.getString(3));
        subscription.setKeys(keys);
        return subscription;
    }

    /** A delivery ready to go — where to, and the encrypted, signed request — or why its endpoint is refused. */
    private record Prepared(PushEndpoints.Target target, VertxWebClientRequestPreparer preparer, String refusal,
            boolean transientRefusal) {
    }

    /**
     * Checks and resolves the endpoint, encrypts and signs off the event loop (DNS and CPU work), then sends to the
     * very address checked (the URL's host stays the Host header and the TLS server name), never following a
     * redirect. A refused endpoint fails at once, without any connection.
     */
    private Uni<Result> send(Delivery d) {
        return Uni.createFrom().item(() -> {
                    try {
                        return new Prepared(endpoints.resolve(d.subscription().getEndpoint()), prepare(d), null, false);
                    } catch (PushEndpoints.Refused e) {
                        return new Prepared(null, null, "endpoint refused: " + e.getMessage(), e.isTransient());
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(prepared -> prepared.target() == null
                        ? Uni.createFrom().item(prepared.transientRefusal() ? retryOrFail(d, null, prepared.refusal())
                                : new Result(d, Outcome.FAILED, null, prepared.refusal()))
                        : Uni.createFrom().completionStage(() -> prepared.preparer().sendBuffer(client,
                                        request -> pin(request, prepared.target())).toCompletionStage())
                                .map(response -> outcome(d, response)))
                .onFailure().recoverWithItem(e -> retryOrFail(d, null, e.getClass().getSimpleName() + ": "
                        + PushEndpoints.shortText(e.getMessage())));
    }

    /**
     * How the dispatcher talks to push services: short timeouts, never a redirect, TLS verified against the JDK's
     * certificate authorities and for the push service's name (the defaults, kept: {@code PinnedTlsSendTest}).
     */
    static WebClientOptions clientOptions() {
        return new WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30)
                .setUserAgent("Supplyline-notification-service").setFollowRedirects(false);
    }

    /**
     * Sends to the checked address and nowhere else: the connection goes to the address, while the URL's host stays
     * the Host header, the TLS server name (SNI) and the name the certificate is verified for; no redirect is
     * followed. The local push service (no address) is reached by its name.
     */
    static void pin(HttpRequest<?> request, PushEndpoints.Target target) {
        request.timeout(10_000).followRedirects(false);
        if (target.address() != null) {
            request.host(target.address().getHostAddress()).virtualHost(target.uri().getHost());
        }
    }

    private VertxWebClientRequestPreparer prepare(Delivery d) {
        PreparerBuilder<VertxWebClientRequestPreparer> builder = VertxWebClientRequestPreparer.getBuilder()
                .pushSubscription(d.subscription())
                .pushMessage(d.payload())
                .ttl(ttl(d.kind()).toSeconds(), TimeUnit.SECONDS)
                .vapidJWTExpiresAfter(15, TimeUnit.MINUTES)
                .vapidJWTSubject(keys.subject());
        if (d.kind() == Kind.REMINDER) { // asked for by the parent, and due now; nothing else is a call to act at once
            builder.urgencyHigh();
        } else {
            builder.urgencyNormal();
        }
        if (d.kind() == Kind.REMINDER) {
            builder.topic("reminder"); // a newer reminder replaces one the device has not fetched yet
        }
        return builder.build(keys.keyPair());
    }

    /** How long a push service keeps a push for an offline device: a reminder is stale after an hour. */
    static Duration ttl(Kind kind) {
        return kind == Kind.REMINDER ? Duration.ofHours(1) : Duration.ofDays(1);
    }

    private Result outcome(Delivery d, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Result(d, Outcome.DELIVERED, null, null);
        }
        if (status == 404 || status == 410) {
            return new Result(d, Outcome.GONE, null, "push service answered " + status);
        }
        if (status == 429 || status >= 500) {
            return retryOrFail(d, retryAfter(response.getHeader("Retry-After")), "push service answered " + status);
        }
        // only the status: a push service's body is not ours to store or log
        return new Result(d, Outcome.FAILED, null, "push service answered " + status);
    }

    private Result retryOrFail(Delivery d, Duration retryAfter, String error) {
        if (d.attempts() >= maxAttempts) {
            return new Result(d, Outcome.FAILED, null, error + " (after " + d.attempts() + " attempts)");
        }
        return new Result(d, Outcome.RETRY, clock.instant().plus(backoff(d.attempts(), retryAfter)), error);
    }

    /** Full jitter over an exponential ceiling, but never before the push service's Retry-After. */
    Duration backoff(int attempts, Duration retryAfter) {
        long ceiling = Math.min(retryCap.toMillis(), retryBase.toMillis() << Math.min(attempts - 1, 20));
        long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        return retryAfter != null && retryAfter.toMillis() > delay ? retryAfter : Duration.ofMillis(delay);
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(clock.instant(), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private Uni<Void> record(List<Result> results) {
        List<Tuple> delivered = new ArrayList<>();
        List<Tuple> gone = new ArrayList<>();
        List<Tuple> retries = new ArrayList<>();
        List<Tuple> failed = new ArrayList<>();
        for (Result r : results) {
            count(r.delivery().kind(), r.outcome());
            switch (r.outcome()) {
                case DELIVERED -> delivered.add(Tuple.of(r.delivery().id()));
                case GONE -> {
                    gone.add(Tuple.of(UUID.fromString(r.delivery().subscriptionId())));
                    LOG.infof("Push subscription %s is gone (%s); deleted", r.delivery().subscriptionId(), r.error());
                }
                case RETRY -> retries.add(Tuple.of(r.delivery().id(), r.retryAt().atOffset(ZoneOffset.UTC), r.error()));
                case FAILED -> {
                    failed.add(Tuple.of(r.delivery().id(), r.error()));
                    LOG.warnf("Push %d failed: %s", r.delivery().id(), r.error());
                }
            }
        }
        return transactions.run(c -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            if (!delivered.isEmpty()) {
                chain = chain.chain(() -> c.preparedQuery("DELETE FROM push_delivery WHERE id = $1").executeBatch(delivered)).replaceWithVoid();
            }
            if (!gone.isEmpty()) {
                chain = chain.chain(() -> c.preparedQuery("DELETE FROM push_subscription WHERE id = $1").executeBatch(gone)).replaceWithVoid();
            }
            if (!retries.isEmpty()) {
                chain = chain.chain(() -> c.preparedQuery(
                        "UPDATE push_delivery SET next_attempt_at = $2, last_error = $3 WHERE id = $1").executeBatch(retries)).replaceWithVoid();
            }
            if (!failed.isEmpty()) {
                chain = chain.chain(() -> c.preparedQuery(
                        "UPDATE push_delivery SET state = 'FAILED', last_error = $2 WHERE id = $1").executeBatch(failed)).replaceWithVoid();
            }
            return chain;
        });
    }

    private void count(Kind kind, Outcome outcome) {
        counters.computeIfAbsent(kind + "/" + outcome, k -> Counter.builder("notifications.sent")
                .description("Notifications handed to a channel, by kind and outcome")
                .tag("kind", kind.name()).tag("channel", "WEB_PUSH").tag("outcome", outcome.name())
                .register(registry)).increment();
    }
}
