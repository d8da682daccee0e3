package app.supplyline.notification.push;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The users' push subscriptions, a Panache repository. */
@ApplicationScoped
public class PushSubscriptions implements PanacheRepositoryBase<PushSubscription, UUID> {

    public enum Outcome { CREATED, UPDATED, TOO_MANY }

    public record Saved(Outcome outcome, PushSubscription subscription) {
    }

    /**
     * Adds the subscription, or refreshes the keys of the user's subscription with the same endpoint (a browser
     * subscribing again), unless the user already has {@code max}. One transaction, the user's rows locked, so two
     * concurrent subscribes cannot pass the limit together.
     */
    @WithTransaction
    public Uni<Saved> save(String userId, String endpoint, String p256dh, String auth, String label, int max,
            Instant now) {
        return find("userId", userId).withLock(LockModeType.PESSIMISTIC_WRITE).list().chain(mine -> {
            for (PushSubscription existing : mine) {
                if (existing.endpoint.equals(endpoint)) {
                    existing.p256dh = p256dh;
                    existing.auth = auth;
                    existing.label = label;
                    return Uni.createFrom().item(new Saved(Outcome.UPDATED, existing));
                }
            }
            if (mine.size() >= max) {
                return Uni.createFrom().item(new Saved(Outcome.TOO_MANY, null));
            }
            PushSubscription added = new PushSubscription();
            added.id = UUID.randomUUID();
            added.userId = userId;
            added.endpoint = endpoint;
            added.p256dh = p256dh;
            added.auth = auth;
            added.label = label;
            added.createdAt = now;
            return persist(added).replaceWith(new Saved(Outcome.CREATED, added));
        });
    }

    /** The user's subscriptions, oldest first. */
    @WithSession
    public Uni<List<PushSubscription>> of(String userId) {
        return list("userId", Sort.by("createdAt").and("id"), userId);
    }

    /** Deletes the user's subscription; false when they have none with this id. */
    @WithTransaction
    public Uni<Boolean> deleteOwned(String userId, UUID id) {
        return delete("id = ?1 and userId = ?2", id, userId).map(deleted -> deleted == 1);
    }
}
