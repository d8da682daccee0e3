package app.supplyline.notification.preferences;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Clock;

/** Reads and saves a user's preferences; a save and everything that follows it share one transaction. */
@ApplicationScoped
public class PreferencesService {

    private final Pool pool;
    private final PreferencesStore store;
    private final Instance<PreferencesChanged> followers;
    private final Clock clock;

    public PreferencesService(Pool pool, PreferencesStore store, Instance<PreferencesChanged> followers, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.followers = followers;
        this.clock = clock;
    }

    public Uni<Preferences> of(String userId) {
        return store.of(userId);
    }

    /** Saves and, in the same transaction, brings what depends on the preferences (the reminder) up to date. */
    public Uni<Preferences> save(String userId, Preferences preferences) {
        return pool.withTransaction(c -> {
            Uni<Void> chain = store.save(c, userId, preferences, clock.instant());
            for (PreferencesChanged follower : followers) {
                chain = chain.chain(() -> follower.changed(c, userId));
            }
            return chain;
        }).replaceWith(preferences);
    }
}
