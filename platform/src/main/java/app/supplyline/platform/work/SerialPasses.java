package app.supplyline.platform.work;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs the passes of a background worker (an outbox relay, an evaluator, a dispatcher) one at a time within an
 * instance: {@link #nudge()} starts a pass unless one runs, in which case it asks for another right after, and a
 * pass that handled a full batch is followed by another at once. Timers and commits just nudge; bursts coalesce.
 */
public final class SerialPasses {

    private final Supplier<Uni<Integer>> pass;
    private final int fullBatch;
    private final IntConsumer afterPass;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * @param pass      one pass, answering how many items it handled
     * @param fullBatch the count that means more may be waiting
     * @param afterPass called with the count after each successful pass
     * @param onFailure called when a pass fails (with the first failure of a pass whose parts failed together); the
     *                  next nudge tries again
     */
    public SerialPasses(Supplier<Uni<Integer>> pass, int fullBatch, IntConsumer afterPass, Consumer<Throwable> onFailure) {
        this.pass = pass;
        this.fullBatch = fullBatch;
        this.afterPass = afterPass;
        this.onFailure = onFailure;
    }

    public void nudge() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        pass.get().subscribe().with(count -> {
            running.set(false);
            afterPass.accept(count);
            if (count >= fullBatch || again.get()) {
                nudge();
            }
        }, failure -> {
            running.set(false);
            // the parts of a pass (a relay's sends) usually fail together, for one reason: the first tells it
            onFailure.accept(failure instanceof CompositeException parts ? parts.getCauses().getFirst() : failure);
        });
    }
}
