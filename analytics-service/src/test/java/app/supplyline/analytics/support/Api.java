package app.supplyline.analytics.support;

import app.supplyline.local.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** HTTP calls as a given user, with a signed token like Keycloak's. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String subject, String role) {
        return RestAssured.given().auth().oauth2(TestTokens.token(subject, role));
    }

    public static RequestSpecification parent(String subject) {
        return as(subject, "parent");
    }

    public static RequestSpecification clinician(String subject) {
        return as(subject, "clinician");
    }
}
