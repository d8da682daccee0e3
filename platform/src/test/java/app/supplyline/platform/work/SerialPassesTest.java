package app.supplyline.platform.work;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SerialPassesTest {

    /** A pass made of parts settled by hand, joined as the relays join their sends. */
    private static final class Pass {
        final List<UniEmitter<? super Void>> parts = new ArrayList<>();

        Uni<Integer> start(int size) {
            List<Uni<Void>> sends = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                sends.add(Uni.createFrom().emitter(parts::add));
            }
            return Uni.join().all(sends).andCollectFailures().replaceWith(size);
        }
    }

    @Test
    void aPassWhosePartsFailEndsOnlyWhenEveryPartSettledAndReportsTheFirstFailure() {
        Pass first = new Pass();
        AtomicInteger started = new AtomicInteger();
        AtomicReference<Throwable> reported = new AtomicReference<>();
        Pass[] passes = {first, new Pass()};
        SerialPasses serial = new SerialPasses(() -> passes[started.getAndIncrement()].start(3), 500, n -> { },
                reported::set);

        serial.nudge();
        first.parts.get(0).fail(new IllegalStateException("broker away"));
        first.parts.get(2).fail(new IllegalStateException("broker away, again"));
        serial.nudge();
        assertEquals(1, started.get(), "no second pass while a part of the first is still in flight");
        assertNull(reported.get());

        first.parts.get(1).complete(null);
        assertEquals("broker away", reported.get().getMessage(), "the first failure, not a composite of all of them");
        serial.nudge();
        assertEquals(2, started.get(), "the next nudge runs the next pass");
    }
}
