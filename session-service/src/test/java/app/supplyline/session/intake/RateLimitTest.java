package app.supplyline.session.intake;

import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes are limited per parent (bursts of 100, 20/s sustained); one parent's burst never blocks another. */
@QuarkusTest
class RateLimitTest {

    /** Tokens a bucket may gain beyond the measured refill: the refill is continuous, spent in whole tokens. */
    private static final long MARGIN = 2;

    /** A quota setting as configured, or WriteRateLimiter's default for it. */
    private static long configured(String name, long writeRateLimiterDefault) {
        return ConfigProvider.getConfig().getOptionalValue(name, Long.class).orElse(writeRateLimiterDefault);
    }

    /**
     * The most requests a bucket can serve in {@code elapsedNanos}: its burst, the refill over that time (the
     * bucket is made by the first request, after the clock started), and a small margin.
     */
    private static long atMost(long burst, long perSecond, long elapsedNanos) {
        return burst + (long) Math.ceil(perSecond * (elapsedNanos / 1e9)) + MARGIN;
    }

    @Test
    void aBurstBeyondTheQuotaGets429WithRetryAfterAndOtherParentsAreUnaffected() {
        long burst = configured("supplyline.rate-limit.writes.burst", 100);
        long perSecond = configured("supplyline.rate-limit.writes.per-second", 20);
        String busy = TestTokens.token(UUID.randomUUID().toString(), "parent");
        int answered = 0;
        Response limited = null;
        long started = System.nanoTime();
        // each write spends a token whatever its outcome: deleting unknown sessions stores nothing
        for (int i = 0; i < 2000 && limited == null; i++) {
            Response r = given().auth().oauth2(busy).delete("/api/sessions/" + UUID.randomUUID());
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(404, r.statusCode());
                answered++;
            }
        }
        long elapsed = System.nanoTime() - started;
        assertNotNull(limited, "the burst was limited");
        long most = atMost(burst, perSecond, elapsed);
        assertTrue(answered >= burst && answered <= most, "the burst of " + burst + " and the refill of " + perSecond
                + "/s over " + elapsed / 1_000_000 + " ms allow " + burst + " to " + most + " writes; got " + answered);
        assertEquals("application/problem+json", limited.contentType());
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        assertEquals(429, limited.<Integer>path("status"));

        String other = TestTokens.token(UUID.randomUUID().toString(), "parent");
        given().auth().oauth2(other).delete("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(busy).get("/api/sessions").then().statusCode(200); // reads are not limited
    }

    /** A batch costs one token per 25 items: five syncs of 500 fit the burst of 100, the sixth is refused. */
    @Test
    void aBatchCostsOneTokenPerTwentyFiveItems() {
        long burst = configured("supplyline.rate-limit.writes.burst", 100);
        long perSecond = configured("supplyline.rate-limit.writes.per-second", 20);
        long itemsPerToken = configured("supplyline.rate-limit.writes.batch-items-per-token", 25);
        long cost = (500 + itemsPerToken - 1) / itemsPerToken;
        String parent = TestTokens.token(UUID.randomUUID().toString(), "parent");
        // items that are all refused on their own: the quota is spent before any item is read, and nothing is stored
        String batch = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(500, "{}")) + "]}";
        int passed = 0;
        Response refused = null;
        long started = System.nanoTime();
        for (int i = 0; i < 10 && refused == null; i++) {
            Response r = given().auth().oauth2(parent).contentType("application/json").body(batch)
                    .post("/api/sessions/batch");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode());
                passed++;
            }
        }
        long elapsed = System.nanoTime() - started;
        assertNotNull(refused, "the quota refused a batch");
        // each batch spends `cost` tokens, the refused one at least the one its request spent
        long least = burst / cost;
        long most = (atMost(burst, perSecond, elapsed) - 1) / cost;
        assertTrue(passed >= least && passed <= most, least + " to " + most + " batches of " + cost + " tokens fit "
                + "the burst and the refill over " + elapsed / 1_000_000 + " ms; got " + passed);
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        assertTrue(refused.<String>path("detail").contains("costs 20 writes"), refused.asString());
        given().auth().oauth2(parent).get("/api/sessions").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }

    /** Costly reads (the export) spend a read quota of their own: bursts of 100, then 429; writes are unaffected. */
    @Test
    void theExportSpendsAReadQuotaOfItsOwn() {
        long burst = configured("supplyline.rate-limit.reads.burst", 100);
        long perSecond = configured("supplyline.rate-limit.reads.per-second", 20);
        String parent = TestTokens.token(UUID.randomUUID().toString(), "parent");
        int answered = 0;
        Response limited = null;
        long started = System.nanoTime();
        for (int i = 0; i < 2000 && limited == null; i++) {
            Response r = given().auth().oauth2(parent).get("/api/export");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(200, r.statusCode());
                answered++;
            }
        }
        long elapsed = System.nanoTime() - started;
        assertNotNull(limited, "the reads were limited");
        long most = atMost(burst, perSecond, elapsed);
        assertTrue(answered >= burst && answered <= most, "the burst of " + burst + " and the refill of " + perSecond
                + "/s over " + elapsed / 1_000_000 + " ms allow " + burst + " to " + most + " reads; got " + answered);
        assertEquals("application/problem+json", limited.contentType());
        assertTrue(limited.<String>path("detail").startsWith("Too many reads"), limited.asString());
        given().auth().oauth2(parent).delete("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
    }
}
