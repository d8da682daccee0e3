package app.supplyline.web;

import io.quarkus.oidc.JavaScriptRequestChecker;
import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The rules for the app's own calls under {@code /api/}:
 * <ul>
 * <li>a signed-out call gets 401, never a redirect to the sign-in page (which a fetch cannot follow): quarkus-oidc
 * answers such requests 499, rewritten here to 401;</li>
 * <li>a write needs the header {@value #CSRF_HEADER}, besides the SameSite cookie: a page of another site cannot
 * send a custom header without a CORS preflight, which this origin never grants.</li>
 * </ul>
 */
@ApplicationScoped
public class BrowserRequests implements JavaScriptRequestChecker {

    public static final String CSRF_HEADER = "X-Supplyline-CSRF";
    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public boolean isJavaScriptRequest(RoutingContext context) {
        return isApi(context);
    }

    @RouteFilter(1000)
    void apiRules(RoutingContext context) {
        if (!isApi(context)) {
            context.next();
            return;
        }
        if (!SAFE.contains(context.request().method()) && !"1".equals(context.request().getHeader(CSRF_HEADER))) {
            context.response().setStatusCode(403).putHeader("Content-Type", Problems.TYPE)
                    .putHeader("Cache-Control", "no-store")
                    .end(Problems.json(403, "Missing CSRF header",
                            "Writes need the header " + CSRF_HEADER + ": 1, which only this app's pages send."));
            return;
        }
        context.addHeadersEndHandler(v -> {
            if (context.response().getStatusCode() == 499) {
                context.response().setStatusCode(401).setStatusMessage("Unauthorized");
            }
        });
        context.next();
    }

    private static boolean isApi(RoutingContext context) {
        String path = context.normalizedPath();
        return path.equals("/api") || path.startsWith("/api/");
    }
}
