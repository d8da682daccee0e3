package app.supplyline.notification.push;

import com.zerodeplibs.webpush.jwt.VAPIDJWTGenerator;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reuses a VAPID token per push service origin while it has more than {@link #MIN_REMAINING} of life left, as RFC
 * 8292 allows: signing (ES256) is the costliest step of a push after the payload encryption, and a push service
 * can then check the signature once per token. The tokens themselves come from zerodep's generator.
 */
final class ReusedVapidTokens implements VAPIDJWTGenerator {

    static final Duration MIN_REMAINING = Duration.ofMinutes(5);

    private record Token(String jwt, Instant expires) {
    }

    private final VAPIDJWTGenerator delegate;
    private final Clock clock;
    private final Map<String, Token> byAudience = new ConcurrentHashMap<>();

    ReusedVapidTokens(VAPIDJWTGenerator delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public String generate(VAPIDJWTParam param) {
        String key = param.getOrigin() + " " + param.getSubject().orElse("");
        Instant now = clock.instant();
        Token token = byAudience.get(key);
        if (token == null || token.expires().minus(MIN_REMAINING).isBefore(now)) {
            token = new Token(delegate.generate(param), param.getExpirationTime());
            byAudience.put(key, token);
        }
        return token.jwt();
    }
}
