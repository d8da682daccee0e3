package app.supplyline.session.account;

import app.supplyline.platform.work.SerialPasses;
import app.supplyline.session.store.Erasures;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What follows an erasure's commit, retried until done: the tombstone of the parent's data key on the keys topic,
 * and the parent's user deleted in Keycloak (a service account allowed to manage users only). Runs right after an
 * erasure and every {@code supplyline.erasure.follow-up-interval}; a step that fails (Kafka or Keycloak away) is
 * tried again at the next pass.
 */
@ApplicationScoped
public class ErasureFollowUp {

    private static final Logger LOG = Logger.getLogger(ErasureFollowUp.class);
    /** Erasures followed up in one pass; a pass that completes them all is followed by another at once. */
    static final int BATCH = 50;

    private final Erasures erasures;
    private final Instance<KeycloakUsers> users;
    private final Vertx vertx;
    private final Duration interval;
    private final boolean deleteIdentity;
    private final SerialPasses passes = new SerialPasses(this::pass, BATCH, done -> { },
            failure -> LOG.warnf("Erasure follow-up failed (will retry): %s", failure.getMessage()));
    private long timer = -1;

    public ErasureFollowUp(Erasures erasures, Instance<KeycloakUsers> users, Vertx vertx,
            @ConfigProperty(name = "supplyline.erasure.follow-up-interval", defaultValue = "PT5S") Duration interval,
            @ConfigProperty(name = "supplyline.erasure.delete-identity", defaultValue = "true") boolean deleteIdentity) {
        this.erasures = erasures;
        this.users = users;
        this.vertx = vertx;
        this.interval = interval;
        this.deleteIdentity = deleteIdentity;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> nudge());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Asks for a pass (passes never overlap within an instance). */
    public void nudge() {
        passes.nudge();
    }

    /**
     * One pass over the pending erasures, answering how many were completed; one that fails (Kafka or Keycloak
     * away) waits for a later pass.
     */
    Uni<Integer> pass() {
        return erasures.pending(BATCH).chain(pending -> {
            AtomicInteger done = new AtomicInteger();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Erasures.Pending p : pending) {
                chain = chain.chain(() -> followUp(p).invoke(done::incrementAndGet).onFailure().recoverWithUni(e -> {
                    LOG.warnf("Erasure follow-up of %s failed (will retry): %s", p.parentId(), e.getMessage());
                    return Uni.createFrom().voidItem();
                }));
            }
            return chain.map(v -> done.get());
        });
    }

    private Uni<Void> followUp(Erasures.Pending p) {
        Uni<Void> tombstone = p.tombstoned() ? Uni.createFrom().voidItem() : erasures.tombstone(p.parentId());
        return tombstone.chain(() -> p.identityDeleted() ? Uni.createFrom().voidItem()
                : deleteUser(p.parentId()).chain(() -> erasures.identityDeleted(p.parentId())));
    }

    /** Deletes the user whose id is the parent id (the token's sub); a user already gone is deleted. */
    private Uni<Void> deleteUser(String parentId) {
        if (!deleteIdentity) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
                    users.get().delete(parentId);
                    return null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid();
    }
}
