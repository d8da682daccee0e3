package app.supplyline.notification.push;

import app.supplyline.local.testing.SettableClock;
import com.zerodeplibs.webpush.jwt.VAPIDJWTParam;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A VAPID token is reused per push service while it has at least five minutes left, then signed anew. */
class ReusedVapidTokensTest {

    @Test
    void reusesATokenPerPushServiceUntilItNearsItsExpiry() {
        SettableClock clock = new SettableClock();
        clock.set(java.time.Instant.now()); // the parameters must expire in the future of the library's own clock
        AtomicInteger signed = new AtomicInteger();
        ReusedVapidTokens tokens = new ReusedVapidTokens(param -> "token-" + signed.incrementAndGet() + "-" + param.getOrigin(), clock);

        String first = tokens.generate(param("https://fcm.googleapis.com/fcm/send/abc", clock));
        assertEquals(first, tokens.generate(param("https://fcm.googleapis.com/fcm/send/def", clock)));
        String other = tokens.generate(param("https://updates.push.services.mozilla.com/wpush/v2/x", clock));
        assertNotEquals(first, other);
        assertEquals(2, signed.get());

        clock.set(clock.instant().plus(Duration.ofMinutes(9)));
        assertEquals(first, tokens.generate(param("https://fcm.googleapis.com/fcm/send/abc", clock)));
        clock.set(clock.instant().plus(Duration.ofMinutes(2))); // 4 minutes left: signed again
        assertNotEquals(first, tokens.generate(param("https://fcm.googleapis.com/fcm/send/abc", clock)));
        assertEquals(3, signed.get());
    }

    private static VAPIDJWTParam param(String endpoint, SettableClock clock) {
        return VAPIDJWTParam.getBuilder().resourceURLString(endpoint).expirationTime(clock.instant().plus(Duration.ofMinutes(15)))
                .subject("mailto:support@supplyline.app").build();
    }
}
