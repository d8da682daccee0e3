package app.supplyline.system;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Function-level authorization (OWASP API5), every endpoint of the three services: anonymous callers get 401 with
 * the Bearer challenge, and each demo user whose realm role the endpoint does not admit gets 403 — parents on
 * clinician and admin endpoints, clinicians on parent-only ones, an admin on both — each as problem+json.
 */
class FunctionLevelIT extends AgainstTheStack {

    record Endpoint(String method, Function<SystemStack, String> url, Set<String> roles) {
    }

    static final String ID = UUID.randomUUID().toString();
    static final Set<String> PARENT = Set.of("parent");
    static final Set<String> CLINICIAN = Set.of("clinician");
    static final Set<String> ADMIN = Set.of("admin");
    static final Set<String> PEOPLE = Set.of("parent", "clinician");

    static List<Endpoint> endpoints() {
        List<Endpoint> e = new ArrayList<>();
        e.add(new Endpoint("POST", s -> s.session() + "/api/sessions", PARENT));
        e.add(new Endpoint("POST", s -> s.session() + "/api/sessions/batch", PARENT));
        e.add(new Endpoint("GET", s -> s.session() + "/api/sessions", PARENT));
        e.add(new Endpoint("GET", s -> s.session() + "/api/sessions/" + ID, PARENT));
        e.add(new Endpoint("PUT", s -> s.session() + "/api/sessions/" + ID, PARENT));
        e.add(new Endpoint("DELETE", s -> s.session() + "/api/sessions/" + ID, PARENT));
        e.add(new Endpoint("POST", s -> s.session() + "/api/check-ins", PARENT));
        e.add(new Endpoint("GET", s -> s.session() + "/api/check-ins", PARENT));
        e.add(new Endpoint("GET", s -> s.session() + "/api/profile", PARENT));
        e.add(new Endpoint("PUT", s -> s.session() + "/api/profile", PARENT));
        e.add(new Endpoint("GET", s -> s.session() + "/api/export", PARENT));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/trends/me", PARENT));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/insights/me", PARENT));
        e.add(new Endpoint("POST", s -> s.analytics() + "/api/consents", PARENT));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/consents", PARENT));
        e.add(new Endpoint("DELETE", s -> s.analytics() + "/api/consents/" + ID, PARENT));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/consents/" + ID + "/access-log", PARENT));
        e.add(new Endpoint("POST", s -> s.analytics() + "/api/cohorts", CLINICIAN));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/cohorts", CLINICIAN));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/cohorts/" + ID, CLINICIAN));
        e.add(new Endpoint("POST", s -> s.analytics() + "/api/cohorts/" + ID + "/invite-code", CLINICIAN));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/cohorts/" + ID + "/patients", CLINICIAN));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/cohorts/" + ID + "/patients/" + ID + "/trends", CLINICIAN));
        e.add(new Endpoint("POST", s -> s.analytics() + "/api/admin/rebuild", ADMIN));
        e.add(new Endpoint("GET", s -> s.analytics() + "/api/admin/rebuild", ADMIN));
        e.add(new Endpoint("GET", s -> s.notification() + "/api/preferences", PEOPLE));
        e.add(new Endpoint("PUT", s -> s.notification() + "/api/preferences", PEOPLE));
        e.add(new Endpoint("GET", s -> s.notification() + "/api/notifications", PEOPLE));
        e.add(new Endpoint("POST", s -> s.notification() + "/api/notifications/" + ID + "/read", PEOPLE));
        e.add(new Endpoint("POST", s -> s.notification() + "/api/push/subscriptions", PEOPLE));
        e.add(new Endpoint("GET", s -> s.notification() + "/api/push/subscriptions", PEOPLE));
        e.add(new Endpoint("DELETE", s -> s.notification() + "/api/push/subscriptions/" + ID, PEOPLE));
        return e;
    }

    @Test
    void everyEndpointRefusesAnonymousCallersAndRolesItDoesNotAdmit() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Endpoint endpoint : endpoints()) {
            String url = endpoint.url().apply(stack);
            Response anonymous = call(RestAssured.given(), endpoint.method(), url);
            checked++;
            if (anonymous.statusCode() != 401 || !anonymous.contentType().startsWith("application/problem+json")
                    || !"Bearer".equals(anonymous.header("WWW-Authenticate"))) {
                wrong.add("anonymous " + endpoint.method() + " " + url + " → " + anonymous.statusCode() + " "
                        + anonymous.contentType() + " " + anonymous.header("WWW-Authenticate"));
            }
            for (String[] user : new String[][] {{"parent1", "parent"}, {"clinician1", "clinician"}, {"admin1", "admin"}}) {
                if (endpoint.roles().contains(user[1])) {
                    continue;
                }
                Response response = call(stack.as(user[0]), endpoint.method(), url);
                checked++;
                if (response.statusCode() != 403 || !response.contentType().startsWith("application/problem+json")) {
                    wrong.add(user[0] + " " + endpoint.method() + " " + url + " → " + response.statusCode() + " "
                            + response.contentType());
                }
            }
        }
        assertEquals(List.of(), wrong, "of " + checked + " calls");
    }

    /** A call with a JSON body where the method takes one: authorization must come before the body is read. */
    private static Response call(RequestSpecification request, String method, String url) {
        if (method.equals("POST") || method.equals("PUT")) {
            request = request.contentType("application/json").body("{}");
        }
        return request.request(method, url);
    }
}
