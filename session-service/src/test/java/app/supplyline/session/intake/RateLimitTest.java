package app.supplyline.session.intake;

import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes are limited per parent (bursts of 100, 20/s sustained); one parent's burst never blocks another. */
@QuarkusTest
class RateLimitTest {

    @Test
    void aBurstBeyondTheQuotaGets429WithRetryAfterAndOtherParentsAreUnaffected() {
        String busy = TestTokens.token(UUID.randomUUID().toString(), "parent");
        int answered = 0;
        Response limited = null;
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
        assertNotNull(limited, "the burst was limited");
        assertTrue(answered >= 100, "the burst allowance of 100 was granted first, got " + answered);
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
        String parent = TestTokens.token(UUID.randomUUID().toString(), "parent");
        // items that are all refused on their own: the quota is spent before any item is read, and nothing is stored
        String batch = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(500, "{}")) + "]}";
        int passed = 0;
        Response refused = null;
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
        assertNotNull(refused, "the quota refused a batch");
        assertTrue(passed >= 5 && passed <= 6, "5 batches of 20 tokens fit the burst (one more with the refill), got " + passed);
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        assertTrue(refused.<String>path("detail").contains("costs 20 writes"), refused.asString());
        given().auth().oauth2(parent).get("/api/sessions").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }

    /** Costly reads (the export) spend a read quota of their own: bursts of 100, then 429; writes are unaffected. */
    @Test
    void theExportSpendsAReadQuotaOfItsOwn() {
        String parent = TestTokens.token(UUID.randomUUID().toString(), "parent");
        int answered = 0;
        Response limited = null;
        for (int i = 0; i < 2000 && limited == null; i++) {
            Response r = given().auth().oauth2(parent).get("/api/export");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertEquals(200, r.statusCode());
                answered++;
            }
        }
        assertNotNull(limited, "the reads were limited");
        assertTrue(answered >= 100, "the burst allowance of 100 was granted first, got " + answered);
        assertEquals("application/problem+json", limited.contentType());
        assertTrue(limited.<String>path("detail").startsWith("Too many reads"), limited.asString());
        given().auth().oauth2(parent).delete("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
    }
}
