package app.supplyline.notification.inbox;

import app.supplyline.notification.preferences.Preferences;
import app.supplyline.notification.preferences.PreferencesStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sends a notification, inside the caller's transaction: the inbox row (the record of everything sent; without the
 * INBOX channel it arrives already read) and, with the WEB_PUSH channel, one pending push per subscription of the
 * user, which the push dispatcher delivers. The dedupe key makes a second send of the same thing do nothing.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private final PreferencesStore preferences;

    public Notifier(PreferencesStore preferences) {
        this.preferences = preferences;
    }

    /** Returns the new notification's id, or empty when it had been sent already. */
    public Uni<Optional<UUID>> send(SqlConnection c, String userId, Kind kind, Function<String, Messages.Text> text,
            JsonObject data, String dedupeKey, Instant now) {
        UUID id = UUID.randomUUID();
        return preferences.of(c, userId).chain(p -> {
            Messages.Text t = text.apply(p.locale());
            boolean inbox = p.channels().contains(Preferences.Channel.INBOX);
            return c.preparedQuery("""
                            INSERT INTO notification (id, user_id, kind, title, body, data, dedupe_key, created_at, read_at)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedupe_key) DO NOTHING""")
                    .execute(Tuple.tuple(java.util.Arrays.asList(id, userId, kind.name(), t.title(), t.body(), data,
                            dedupeKey, now.atOffset(ZoneOffset.UTC), inbox ? null : now.atOffset(ZoneOffset.UTC))))
                    .chain(rows -> {
                        if (rows.rowCount() == 0) {
                            return Uni.createFrom().item(Optional.<UUID>empty());
                        }
                        LOG.infof("%s for %s", kind, userId);
                        if (!p.channels().contains(Preferences.Channel.WEB_PUSH)) {
                            return Uni.createFrom().item(Optional.of(id));
                        }
                        return c.preparedQuery("""
                                        INSERT INTO push_delivery (notification_id, subscription_id, next_attempt_at)
                                        SELECT $1, id, $3 FROM push_subscription WHERE user_id = $2""")
                                .execute(Tuple.of(id, userId, now.atOffset(ZoneOffset.UTC)))
                                .replaceWith(Optional.of(id));
                    });
        });
    }
}
