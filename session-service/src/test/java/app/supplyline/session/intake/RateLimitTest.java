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
}
