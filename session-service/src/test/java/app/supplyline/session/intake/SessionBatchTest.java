package app.supplyline.session.intake;

import app.supplyline.local.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Offline sync: a phone that was offline sends its sessions in one batch. */
@QuarkusTest
class SessionBatchTest {

    @Inject
    AgroalDataSource db;

    private final String parentId = UUID.randomUUID().toString();
    private final String token = TestTokens.token(parentId, "parent");
    private final Instant firstDay = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(70, ChronoUnit.DAYS);

    /** 8 pumpings a day, every 3 hours, 20 minutes each, about 100 mL. */
    private String item(int i) {
        Instant start = firstDay.plus(i * 3L, ChronoUnit.HOURS);
        return """
                {"clientId":"offline-%d","type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":%d,"rightMl":%d}"""
                .formatted(i, start, start.plus(20, ChronoUnit.MINUTES), 45 + i % 10, 50 + i % 7);
    }

    private Response send(List<String> items) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"items\":[" + String.join(",", items) + "]}").post("/api/sessions/batch");
    }

    @Test
    void fiveHundredSessionsWithThreeBadOnesStoreTheOther497() throws SQLException {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(item(i));
        }
        items.set(10, items.get(10).replace("\"leftMl\":", "\"leftMl\":-"));
        items.set(200, items.get(200).replace("\"type\":\"PUMPING\"", "\"type\":\"BOTTLE\""));
        items.set(499, items.get(499).replace("\"clientId\":\"offline-499\",", ""));
        Response response = send(items);
        response.then().statusCode(200).body("results.size()", equalTo(500))
                .body("results[0].status", equalTo(201))
                .body("results[10].status", equalTo(400))
                .body("results[10].problem.errors.field", hasItem("items[10].leftMl"))
                .body("results[200].status", equalTo(400))
                .body("results[200].problem.errors.field", hasItem("items[200].type"))
                .body("results[499].problem.errors.field", hasItem("items[499].clientId"));
        List<Integer> statuses = response.path("results.status");
        assertEquals(497, statuses.stream().filter(s -> s == 201).count());
        assertEquals(497, count("SELECT count(*) FROM session WHERE parent_id = ? AND NOT deleted"));
        assertEquals(497, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
        SessionsTopic.awaitRecords(parentId, 497);

        // the phone lost the answer and sends the same batch again: nothing is created twice
        Response again = send(items);
        again.then().statusCode(200);
        assertEquals(response.<List<String>>path("results.id"), again.<List<String>>path("results.id"));
        assertEquals(497, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
        // neither the batch nor its replay published anything twice
        assertEquals(497, SessionsTopic.recordsBeforeBarrier(parentId, token, 497).size());
    }

    @Test
    void itemsOverlappingEachOtherInOneBatchConflictLikeSeparateRequests() {
        String a = item(0);
        String b = item(0).replace("offline-0", "offline-dup");
        send(List.of(a, b)).then().statusCode(200)
                .body("results[0].status", equalTo(201)).body("results[1].status", equalTo(409));
    }

    @Test
    void refusesAnEmptyOrOversizedBatchAsAWhole() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"items\":[]}").post("/api/sessions/batch")
                .then().statusCode(400).body("errors[0].field", equalTo("items"));
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            items.add(item(i));
        }
        send(items).then().statusCode(400).body("errors[0].field", equalTo("items"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"items\":[" + item(1) + "],\"parentId\":\"x\"}")
                .post("/api/sessions/batch").then().statusCode(400).body("errors[0].field", equalTo("parentId"));
    }

    /**
     * Numbers out of range in a batch: each item refuses its own (exact decimals, not doubles); a literal too long to
     * even read refuses the batch with the item's field, before any conversion.
     */
    @Test
    void hostileNumbersInABatchAreRefusedWithTheirItemsField() throws SQLException {
        String tiny = item(1).replaceFirst("\"leftMl\":\\d+", "\"leftMl\":1e-1000000");
        String precise = item(2).replaceFirst("\"leftMl\":\\d+", "\"leftMl\":60.1000000000000000001");
        String huge = item(3).replaceFirst("\"leftMl\":\\d+", "\"leftMl\":1e1000000");
        send(List.of(item(0), tiny, precise, huge)).then().statusCode(200)
                .body("results[0].status", equalTo(201))
                .body("results[1].status", equalTo(400))
                .body("results[1].problem.errors.field", hasItem("items[1].leftMl"))
                .body("results[2].status", equalTo(400))
                .body("results[2].problem.errors.field", hasItem("items[2].leftMl"))
                .body("results[3].status", equalTo(400))
                .body("results[3].problem.errors.field", hasItem("items[3].leftMl"));
        String long10k = item(4).replaceFirst("\"rightMl\":\\d+", "\"rightMl\":" + "9".repeat(10_000));
        send(List.of(item(5), long10k)).then().statusCode(400).body("errors[0].field", equalTo("items[1].rightMl"));
        assertEquals(1, count("SELECT count(*) FROM session WHERE parent_id = ?"), "only the one valid item");
    }

    private long count(String sql) throws SQLException {
        return JournalRows.count(db, sql, parentId);
    }
}
