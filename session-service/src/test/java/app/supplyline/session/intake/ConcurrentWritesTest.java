package app.supplyline.session.intake;

import app.supplyline.local.testing.TestTokens;
import app.supplyline.session.journal.JournalEvent.PumpingSessionLogged;
import app.supplyline.session.journal.SessionContent;
import app.supplyline.session.journal.SessionDecider.Session;
import app.supplyline.session.journal.SessionType;
import app.supplyline.session.store.JournalStore;
import app.supplyline.session.store.JournalStore.Changes;
import app.supplyline.session.store.JournalStore.IdempotentAnswer;
import app.supplyline.session.store.JournalStore.Decision;
import app.supplyline.session.store.JournalStore.Read;
import app.supplyline.session.store.JournalStore.Span;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Writes of one parent that race each other. A session is logged without a transaction, by a write that holds
 * only at the stream version its decision saw; these tests prove that the losers of a race are decided again and
 * that no race breaks the journal's rules: versions without gaps, no overlapping pumpings, one answer per key.
 */
@QuarkusTest
class ConcurrentWritesTest {

    static final int WRITERS = 12;

    @Inject
    AgroalDataSource db;

    @Inject
    JournalStore store;

    private final String parentId = UUID.randomUUID().toString();
    private final String token = TestTokens.token(parentId, "parent");
    private final Instant morning = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.HOURS);

    @Test
    void simultaneousSessionsOfOneParentAreAllKeptWithVersionsWithoutGaps() throws Exception {
        List<Response> answers = race(i -> post(SessionResourceTest.pumping(morning.plus(i * 30L, ChronoUnit.MINUTES),
                20, Integer.toString(40 + i), "50"), null));
        answers.forEach(a -> assertEquals(201, a.statusCode(), a.asString()));
        assertEquals(WRITERS, count("SELECT count(*) FROM session WHERE parent_id = ? AND NOT deleted"));
        assertEquals(WRITERS, count("SELECT count(DISTINCT version) FROM journal_event WHERE parent_id = ?"));
        assertEquals(WRITERS, count("SELECT max(version) FROM journal_event WHERE parent_id = ?"));
        assertEquals(WRITERS, count("SELECT version FROM journal_stream WHERE parent_id = ?"));
        assertEquals(WRITERS, SessionsTopic.recordsBeforeBarrier(parentId, token, WRITERS).size());
    }

    @Test
    void ofSimultaneousOverlappingPumpingsExactlyOneIsKept() throws Exception {
        List<Response> answers = race(i -> post(SessionResourceTest.pumping(morning.plus(i, ChronoUnit.MINUTES), 20,
                "60", "50"), null));
        assertEquals(1, answers.stream().filter(a -> a.statusCode() == 201).count());
        assertEquals(WRITERS - 1, answers.stream().filter(a -> a.statusCode() == 409).count());
        assertEquals(1, count("SELECT count(*) FROM session WHERE parent_id = ?"));
        assertEquals(1, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
    }

    @Test
    void simultaneousRepeatsOfOneIdempotencyKeyCreateOneSession() throws Exception {
        String key = "retry-storm-" + UUID.randomUUID();
        String body = SessionResourceTest.pumping(morning, 20, "70", "65");
        List<Response> answers = race(i -> post(body, key));
        answers.forEach(a -> assertEquals(201, a.statusCode(), a.asString()));
        assertEquals(1, answers.stream().map(a -> a.path("id")).distinct().count());
        assertEquals(1, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
        assertEquals(1, count("SELECT count(*) FROM idempotency_key WHERE parent_id = ?"));
    }

    @Test
    void aDecisionOvertakenBeforeItsWriteWritesNothingAndIsDecidedAgainUnderTheLock() throws SQLException {
        AtomicInteger decisions = new AtomicInteger();
        Read read = new Read(List.of("k"), Span.of(morning, morning.plus(1, ChronoUnit.HOURS), Duration.ofHours(3)), null);
        long decidedAt = store.handle(parentId, read, snapshot -> {
            if (decisions.incrementAndGet() == 1) {
                // another writer of this parent moves the stream on between this snapshot and its write
                overtake();
                return new Decision<>(changes(morning, null), snapshot.version());
            }
            return new Decision<>(changes(morning.plus(30, ChronoUnit.MINUTES), "k"), snapshot.version());
        }, Instant.now()).await().atMost(Duration.ofSeconds(10));

        assertEquals(2, decisions.get());
        assertEquals(1, decidedAt, "the second decision saw the other writer's version");
        // nothing of the overtaken decision: one event (after the other writer's version), the second session only
        assertEquals(1, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
        assertEquals(2, count("SELECT version FROM journal_event WHERE parent_id = ?"));
        assertEquals(1, count("SELECT count(*) FROM session WHERE parent_id = ?"));
        assertEquals(1, count("SELECT count(*) FROM session WHERE parent_id = ? AND started_at = '"
                + morning.plus(30, ChronoUnit.MINUTES) + "'::timestamptz"));
        assertEquals(1, count("SELECT count(*) FROM idempotency_key WHERE parent_id = ?"));
        assertEquals(2, count("SELECT version FROM journal_stream WHERE parent_id = ?"));
    }

    /** Moves the parent's stream on by one, as a concurrent writer's commit would. */
    private void overtake() {
        try (var c = db.getConnection(); var update = c.prepareStatement("""
                INSERT INTO journal_stream (parent_id, version) VALUES (?, 1)
                ON CONFLICT (parent_id) DO UPDATE SET version = journal_stream.version + 1""")) {
            update.setString(1, parentId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One pumping session logged, with its read-model row and, given a key, its idempotency answer. */
    private static Changes changes(Instant start, String key) {
        UUID id = UUID.randomUUID();
        SessionContent content = new SessionContent(SessionType.PUMPING, start, start.plus(20, ChronoUnit.MINUTES),
                new BigDecimal("60.0"), new BigDecimal("50.0"), null, null, null, null, null);
        return new Changes(List.of(new PumpingSessionLogged(id, content)), List.of(new Session(id, 1, content, false)),
                key == null ? Map.of() : Map.of(key, new IdempotentAnswer("hash", id, "{}")));
    }

    private Response post(String body, String idempotencyKey) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/sessions");
    }

    /** Sends {@link #WRITERS} requests at once, released together, and returns their answers. */
    private static List<Response> race(IntFunction<Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int i = 0; i < WRITERS; i++) {
                int n = i;
                sent.add(pool.submit(() -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : sent) {
                answers.add(answer.get(java.util.concurrent.TimeUnit.SECONDS.toMillis(30),
                        java.util.concurrent.TimeUnit.MILLISECONDS));
            }
            return answers;
        }
    }

    private long count(String sql) throws SQLException {
        return JournalRows.count(db, sql, parentId);
    }
}
