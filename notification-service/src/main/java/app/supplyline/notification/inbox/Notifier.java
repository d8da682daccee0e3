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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sends a notification, inside the caller's transaction: the inbox row at once (the record of everything sent; without
 * the INBOX channel it arrives already read) and, with the WEB_PUSH channel, one pending push per subscription of the
 * user, which the push dispatcher delivers when it is due ({@link #pushAt}: the night is kept). The dedupe key makes a second send of the same thing do nothing.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private final PreferencesStore preferences;

    public Notifier(PreferencesStore preferences) {
        this.preferences = preferences;
    }

    /**
     * When a push of {@code kind} may reach the user's phone: a reminder at once (its time already keeps to the quiet
     * hours), anything else at the end of the user's quiet hours, in their timezone, when it falls in them.
     */
    static Instant pushAt(Kind kind, Preferences p, Instant now) {
        return kind == Kind.REMINDER || p.quietHours() == null ? now : p.quietHours().endAfter(now, p.zone());
    }

    /** One notification to send: its text is made in the recipient's language. */
    public record Outgoing(String userId, Kind kind, Function<String, Messages.Text> text, JsonObject data,
            String dedupeKey) {
    }

    /**
     * Sends them, set-based, in the caller's transaction; returns how many were new (the others had been sent
     * already under their dedupe keys).
     */
    public Uni<Integer> sendAll(SqlConnection c, List<Outgoing> outgoing, Instant now) {
        if (outgoing.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> users = outgoing.stream().map(Outgoing::userId).distinct().toList();
        return preferences.of(c, users).chain(prefs -> {
            int n = outgoing.size();
            UUID[] ids = new UUID[n];
            String[] userIds = new String[n];
            String[] kinds = new String[n];
            String[] titles = new String[n];
            String[] bodies = new String[n];
            JsonObject[] data = new JsonObject[n];
            String[] keys = new String[n];
            Boolean[] read = new Boolean[n];
            Boolean[] push = new Boolean[n];
            OffsetDateTime[] notBefore = new OffsetDateTime[n];
            for (int i = 0; i < n; i++) {
                Outgoing o = outgoing.get(i);
                Preferences p = prefs.get(o.userId());
                Messages.Text t = o.text().apply(p.locale());
                ids[i] = UUID.randomUUID();
                userIds[i] = o.userId();
                kinds[i] = o.kind().name();
                titles[i] = t.title();
                bodies[i] = t.body();
                data[i] = o.data();
                keys[i] = o.dedupeKey();
                read[i] = !p.channels().contains(Preferences.Channel.INBOX);
                push[i] = p.channels().contains(Preferences.Channel.WEB_PUSH);
                notBefore[i] = pushAt(o.kind(), p, now).atOffset(ZoneOffset.UTC);
            }
            OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
            return c.preparedQuery("""
                            INSERT INTO notification (id, user_id, kind, title, body, data, dedupe_key, created_at, read_at)
                            SELECT u.id, u.user_id, u.kind, u.title, u.body, u.data, u.dedupe_key, $9::timestamptz,
                                   CASE WHEN u.read THEN $9::timestamptz END
                              FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                                          $7::text[], $8::boolean[]) AS u(id, user_id, kind, title, body, data, dedupe_key, read)
                            ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, user_id""")
                    .execute(Tuple.tuple(Arrays.asList(ids, userIds, kinds, titles, bodies, data, keys, read, at)))
                    .chain(rows -> {
                        Map<UUID, Integer> pushed = new HashMap<>();
                        for (int i = 0; i < n; i++) {
                            if (push[i]) {
                                pushed.put(ids[i], i);
                            }
                        }
                        List<UUID> created = new ArrayList<>();
                        List<String> createdFor = new ArrayList<>();
                        List<OffsetDateTime> createdAt = new ArrayList<>();
                        rows.forEach(r -> {
                            Integer i = pushed.get(r.getUUID(0));
                            if (i != null) {
                                created.add(r.getUUID(0));
                                createdFor.add(r.getString(1));
                                createdAt.add(notBefore[i]);
                            }
                        });
                        int sent = rows.rowCount();
                        rows.forEach(r -> LOG.debugf("Notification %s for %s", r.getUUID(0), r.getString(1)));
                        if (created.isEmpty()) {
                            return Uni.createFrom().item(sent);
                        }
                        return c.preparedQuery("""
                                        INSERT INTO push_delivery (notification_id, subscription_id, next_attempt_at)
                                        SELECT n.id, s.id, n.at
                                          FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS n(id, user_id, at)
                                          JOIN push_subscription s ON s.user_id = n.user_id""")
                                .execute(Tuple.of(created.toArray(new UUID[0]), createdFor.toArray(new String[0]),
                                        createdAt.toArray(new OffsetDateTime[0])))
                                .replaceWith(sent);
                    });
        });
    }
}
