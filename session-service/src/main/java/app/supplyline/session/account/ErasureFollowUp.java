package app.supplyline.session.account;

import app.supplyline.session.store.Erasures;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.Keycloak;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What follows an erasure's commit, retried until done: the tombstone of the parent's data key on the keys topic,
 * and the parent's user deleted in Keycloak (a service account allowed to manage users only). Runs right after an
 * erasure and every {@code supplyline.erasure.follow-up-interval}; a step that fails (Kafka or Keycloak away) is
 * tried again at the next pass.
 */
@ApplicationScoped
public class ErasureFollowUp {

    private static final Logger LOG = Logger.getLogger(ErasureFollowUp.class);

    private final Erasures erasures;
    private final Instance<Keycloak> keycloak;
    private final Vertx vertx;
    private final Duration interval;
    private final boolean deleteIdentity;
    private final String realm;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public ErasureFollowUp(Erasures erasures, Instance<Keycloak> keycloak, Vertx vertx,
            @ConfigProperty(name = "supplyline.erasure.follow-up-interval", defaultValue = "PT5S") Duration interval,
            @ConfigProperty(name = "supplyline.erasure.delete-identity", defaultValue = "true") boolean deleteIdentity,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.realm", defaultValue = "supplyline") String realm) {
        this.erasures = erasures;
        this.keycloak = keycloak;
        this.vertx = vertx;
        this.interval = interval;
        this.deleteIdentity = deleteIdentity;
        this.realm = realm;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> nudge());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Runs a pass unless one is running. */
    public void nudge() {
        if (running.compareAndSet(false, true)) {
            pass().onTermination().invoke(() -> running.set(false))
                    .subscribe().with(done -> { }, failure -> LOG.warnf("Erasure follow-up failed (will retry): %s",
                            failure.getMessage()));
        }
    }

    Uni<Void> pass() {
        return erasures.pending(50).chain(pending -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Erasures.Pending p : pending) {
                if (!p.tombstoned()) {
                    chain = chain.chain(() -> erasures.tombstone(p.parentId()));
                }
                if (!p.identityDeleted()) {
                    chain = chain.chain(() -> deleteUser(p.parentId())).chain(() -> erasures.identityDeleted(p.parentId()));
                }
            }
            return chain;
        });
    }

    /** Deletes the user whose id is the parent id (the token's sub); a user already gone is deleted. */
    private Uni<Void> deleteUser(String parentId) {
        if (!deleteIdentity) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
                    try (Response answer = keycloak.get().realm(realm).users().delete(parentId)) {
                        int status = answer.getStatus();
                        if (status != 204 && status != 404) {
                            throw new IllegalStateException("Keycloak answered " + status + " to deleting a user");
                        }
                        return null;
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid();
    }
}
