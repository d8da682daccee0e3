package app.supplyline.notification.alerts;

import app.supplyline.notification.inbox.InboxStore;
import app.supplyline.notification.inbox.Kind;
import app.supplyline.notification.inbox.Messages;
import app.supplyline.notification.inbox.Notifier;
import app.supplyline.notification.push.PushDispatcher;
import app.supplyline.platform.work.Poison;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns the analytics-service's {@code SupplyStatusChanged} ({@code supplyline.alerts.v1}, group
 * {@code notification}) into notifications: SEEK_HELP to the parent and CLINICIAN_ALERT to each consenting clinician
 * once per episode, RECOVERED to them when the episode ends, and a TIP when removal became too irregular (at most one
 * per 72 h). The event id is recorded in the transaction that writes the notifications, and each notification has
 * a dedupe key (kind, episode, recipient), so neither a redelivered event nor a restart between delivery and commit
 * sends anything twice. An alert that cannot be read, or whose data the database refuses
 * {@code supplyline.consumer.max-attempts} times (a poison record), goes to the dead-letter topic with the reason and
 * the next one flows; a database outage is retried for as long as it lasts and is never a poison record.
 */
@ApplicationScoped
public class AlertConsumer {

    public static final String CHANNEL = "supply-alerts";
    static final Duration TIP_SPACING = Duration.ofHours(72);
    private static final Logger LOG = Logger.getLogger(AlertConsumer.class);

    private final Pool pool;
    private final InboxStore inbox;
    private final Notifier notifier;
    private final Clock clock;
    private final Runnable pushes;
    /** Attempts at an alert the database refuses for its content before it goes to the dead-letter topic. */
    private final int maxAttempts;

    public AlertConsumer(Pool pool, InboxStore inbox, Notifier notifier, Clock clock, PushDispatcher dispatcher,
            @ConfigProperty(name = "supplyline.consumer.max-attempts", defaultValue = "3") int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.pool = pool;
        this.inbox = inbox;
        this.notifier = notifier;
        this.clock = clock;
        this.pushes = dispatcher::nudge;
    }

    record Change(UUID eventId, String parentId, String previous, String status, List<String> reasons,
            String episodeId, List<String> clinicianIds, Double changePct) {

        static Change parse(String payload) {
            try {
                JsonObject e = new JsonObject(payload);
                JsonArray reasons = e.getJsonArray("reasons", new JsonArray());
                JsonArray clinicians = e.getJsonArray("clinicianIds", new JsonArray());
                JsonObject metrics = e.getJsonObject("metrics", new JsonObject());
                Change c = new Change(UUID.fromString(e.getString("eventId")), e.getString("parentId"),
                        e.getString("previousStatus"), e.getString("status"),
                        reasons.stream().map(String::valueOf).toList(), e.getString("episodeId"),
                        clinicians.stream().map(String::valueOf).toList(), metrics.getDouble("changePct"));
                if (c.parentId() == null || c.parentId().isBlank() || c.status() == null || c.previous() == null) {
                    throw new IllegalArgumentException("parentId, status and previousStatus are required");
                }
                return c;
            } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Not a SupplyStatusChanged: " + e.getMessage(), e);
            }
        }
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        Change change;
        try {
            change = Change.parse(message.getPayload());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Refused alert: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return Poison.attempts(() -> pool.withTransaction(c -> c.preparedQuery(
                                "INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now()) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(change.eventId()))
                        .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : notify(c, change))),
                        maxAttempts, "alert " + change.eventId())
                .invoke(pushes)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure(Poison::isCause).recoverWithUni(e -> {
                    LOG.errorf("Alert %s refused after %d attempts; sent to the dead-letter topic: %s", change.eventId(),
                            maxAttempts, e.getMessage());
                    return Uni.createFrom().completionStage(message.nack(e));
                });
    }

    private Uni<Void> notify(SqlConnection c, Change change) {
        Instant now = clock.instant();
        String pct = change.changePct() == null ? "?" : String.format(Locale.ROOT, "%.0f", Math.abs(change.changePct()));
        JsonObject data = new JsonObject().put("parentId", change.parentId()).put("episodeId", change.episodeId())
                .put("status", change.status()).put("previousStatus", change.previous()).put("alertId", change.eventId().toString());
        List<Notifier.Outgoing> outgoing = new ArrayList<>();
        boolean entersSeekHelp = "SEEK_HELP".equals(change.status()) && !"SEEK_HELP".equals(change.previous());
        boolean leavesSeekHelp = "SEEK_HELP".equals(change.previous()) && !"SEEK_HELP".equals(change.status());
        String episode = change.episodeId() == null ? change.eventId().toString() : change.episodeId();
        String parent = shortId(change.parentId());
        if (entersSeekHelp) {
            outgoing.add(new Notifier.Outgoing(change.parentId(), Kind.SEEK_HELP,
                    locale -> Messages.text(Kind.SEEK_HELP, locale, pct), data, "SEEK_HELP:" + episode));
            for (String clinician : change.clinicianIds()) {
                outgoing.add(new Notifier.Outgoing(clinician, Kind.CLINICIAN_ALERT,
                        locale -> Messages.text(Kind.CLINICIAN_ALERT, locale, parent, pct), data,
                        "CLINICIAN_ALERT:" + episode + ":" + clinician));
            }
        } else if (leavesSeekHelp) {
            outgoing.add(new Notifier.Outgoing(change.parentId(), Kind.RECOVERED,
                    locale -> Messages.text(Kind.RECOVERED, locale), data, "RECOVERED:" + episode + ":" + change.parentId()));
            for (String clinician : change.clinicianIds()) {
                outgoing.add(new Notifier.Outgoing(clinician, Kind.RECOVERED,
                        locale -> Messages.recoveredForClinician(locale, parent), data,
                        "RECOVERED:" + episode + ":" + clinician));
            }
        }
        Uni<Void> tip = Uni.createFrom().voidItem();
        if ("WATCH".equals(change.status()) && change.reasons().contains("FREQUENCY_LOW")) {
            tip = inbox.sentSince(c, change.parentId(), Kind.TIP, now.minus(TIP_SPACING)).invoke(recent -> {
                if (!recent) {
                    outgoing.add(new Notifier.Outgoing(change.parentId(), Kind.TIP, locale -> Messages.text(Kind.TIP, locale),
                            data, "TIP:" + change.eventId()));
                }
            }).replaceWithVoid();
        }
        return tip.chain(() -> notifier.sendAll(c, outgoing, now)).replaceWithVoid();
    }

    /** How a clinician's message names the parent until display names travel with the alert. */
    private static String shortId(String parentId) {
        return "Parent " + (parentId.length() > 8 ? parentId.substring(0, 8) : parentId);
    }
}
