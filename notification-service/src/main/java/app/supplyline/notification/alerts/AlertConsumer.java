package app.supplyline.notification.alerts;

import app.supplyline.notification.SkippedEvents;
import app.supplyline.notification.inbox.InboxStore;
import app.supplyline.notification.inbox.Kind;
import app.supplyline.notification.inbox.Messages;
import app.supplyline.notification.inbox.Notifier;
import app.supplyline.notification.push.PushDispatcher;
import app.supplyline.platform.keys.DataKeys;
import app.supplyline.platform.keys.PersonalFields;
import app.supplyline.platform.work.Poison;
import io.smallrye.mutiny.Uni;
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
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns the analytics-service's events on {@code supplyline.alerts.v1} (group {@code notification}) into
 * notifications, by their {@code type}:
 * <ul>
 * <li>{@code SupplyStatusChanged}: SEEK_HELP to the parent and CLINICIAN_ALERT to each consenting clinician once per
 * episode; when the episode ends, RECOVERED only for a recovery (transition RECOVERED; before schema version 2,
 * leaving SEEK_HELP), LOWER_LEVEL when supply settled lower, NO_RECENT_DATA when volumes stopped arriving — to the
 * parent and each clinician, once per episode; a TIP when removal became irregular or less frequent (at most one per
 * 72 h).</li>
 * <li>{@code MilestoneMissed} (coming to volume): MILESTONE to the parent and each clinician, once per parent.</li>
 * <li>{@code ConsentChanged}: the parent's consent to a cohort's clinician, stored ({@link Consents}); a revocation
 * cancels the pushes about the parent not yet sent to that clinician.</li>
 * </ul>
 * A clinician named by an alert is sent it only while the parent still shares with them: the consents stored here,
 * and any change already on the partition after the alert ({@link LookAhead}) — an alert that waited in Kafka while
 * the parent revoked their consent never reaches that clinician.
 * Clinicians read the parent's shared display name when there is one. Each notification carries the event's figures
 * in its data. The event id is recorded in the transaction that writes the notifications, and each notification has
 * a dedupe key (kind, episode or milestone, recipient), so neither a redelivered event nor a restart between
 * delivery and commit sends anything twice. An event of a type this service does not know is acknowledged and
 * counted ({@link SkippedEvents}), never dead-lettered. An alert that cannot be read, or whose data the database
 * refuses {@code supplyline.consumer.max-attempts} times (a poison record), goes to the dead-letter topic with the
 * reason and the next one flows; a database outage is retried for as long as it lasts and is never a poison record.
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
    private final SkippedEvents skipped;
    private final Runnable pushes;
    private final Consents consents;
    private final LookAhead lookAhead;
    private final DataKeys keys;
    /** Attempts at an alert the database refuses for its content before it goes to the dead-letter topic. */
    private final int maxAttempts;

    public AlertConsumer(Pool pool, InboxStore inbox, Notifier notifier, Clock clock, PushDispatcher dispatcher,
            SkippedEvents skipped, Consents consents, LookAhead lookAhead, DataKeys keys,
            @ConfigProperty(name = "supplyline.consumer.max-attempts", defaultValue = "3") int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.pool = pool;
        this.inbox = inbox;
        this.notifier = notifier;
        this.clock = clock;
        this.skipped = skipped;
        this.pushes = dispatcher::nudge;
        this.consents = consents;
        this.lookAhead = lookAhead;
        this.keys = keys;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        JsonObject json;
        try {
            json = Alert.json(message.getPayload());
        } catch (IllegalArgumentException e) {
            return refuse(message, e);
        }
        if (!json.containsKey(PersonalFields.MEMBER)) {
            return consume(message, json);
        }
        // the name the parent shared and the birth date are sealed under the parent's key (ADR-010)
        if (!(json.getValue("parentId") instanceof String parentId) || !(json.getValue("eventId") instanceof String eventId)) {
            return refuse(message, new IllegalArgumentException("Not an alert: parentId and eventId are required"));
        }
        return keys.of(parentId).chain(key -> {
            if (key.isEmpty()) {
                LOG.debugf("Skipped an alert about parent %s, who has no data key (erased)", parentId);
                return skipped.skip(message, "erased");
            }
            try {
                PersonalFields.open(json, key.get(), PersonalFields.associatedData(parentId, eventId));
            } catch (IllegalArgumentException e) {
                return refuse(message, new IllegalArgumentException("Not an alert: " + e.getMessage(), e));
            }
            return consume(message, json);
        });
    }

    private static Uni<Void> refuse(Message<String> message, IllegalArgumentException e) {
        LOG.warnf("Refused alert: %s", e.getMessage());
        return Uni.createFrom().completionStage(message.nack(e));
    }

    private Uni<Void> consume(Message<String> message, JsonObject json) {
        Alert alert;
        try {
            alert = Alert.parse(json);
        } catch (IllegalArgumentException e) {
            return refuse(message, e);
        }
        return switch (alert) {
            case Alert.Unknown unknown -> skipped.skip(message, unknown.type());
            case Alert.StatusChanged change -> sharedWith(message, change.parentId(), change.clinicianIds())
                    .chain(clinicians -> once(message, change.eventId(), change.parentId(), c -> clinicians.apply(c)
                            .chain(shared -> notify(c, change, shared))));
            case Alert.MilestoneMissed missed -> sharedWith(message, missed.parentId(), missed.clinicianIds())
                    .chain(clinicians -> once(message, missed.eventId(), missed.parentId(), c -> clinicians.apply(c)
                            .chain(shared -> notify(c, missed, shared))));
            case Alert.ConsentChanged consent -> once(message, consent.eventId(), consent.parentId(), c -> consents.apply(c, consent));
        };
    }

    /**
     * Who of {@code clinicianIds} the parent still shares with, as a query to run in the alert's transaction: the
     * consents this service stored, and the consent changes already on the partition after this alert (read once,
     * before the transaction; retried while Kafka cannot be read, never a reason to dead-letter the alert).
     */
    private Uni<Function<SqlConnection, Uni<List<String>>>> sharedWith(Message<String> message, String parentId,
            List<String> clinicianIds) {
        if (clinicianIds.isEmpty()) {
            return Uni.createFrom().item(c -> Uni.createFrom().item(List.of()));
        }
        return lookAhead.laterConsents(message, parentId)
                .onFailure().invoke(e -> LOG.warnf("Reading ahead for parent %s failed (retrying): %s", parentId,
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .map(later -> c -> consents.revoked(c, parentId, clinicianIds, later)
                        .map(revoked -> clinicianIds.stream().filter(id -> !revoked.contains(id)).toList()));
    }

    /**
     * Runs {@code work} in the transaction that records the event id, unless the event was processed already or the
     * parent it is about was erased (then nothing is kept of it).
     */
    private Uni<Void> once(Message<String> message, UUID eventId, String parentId,
            Function<SqlConnection, Uni<Void>> work) {
        return Poison.attempts(() -> pool.withTransaction(c -> c.preparedQuery("""
                                INSERT INTO processed_event (event_id, processed_at) SELECT $1, now()
                                 WHERE NOT EXISTS (SELECT 1 FROM erased_parent WHERE parent_id = $2)
                                ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(eventId, parentId))
                        .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : work.apply(c))),
                        maxAttempts, "alert " + eventId)
                .invoke(pushes)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure(Poison::isCause).recoverWithUni(e -> {
                    LOG.errorf("Alert %s refused after %d attempts; sent to the dead-letter topic: %s", eventId,
                            maxAttempts, e.getMessage());
                    return Uni.createFrom().completionStage(message.nack(e));
                });
    }

    private Uni<Void> notify(SqlConnection c, Alert.StatusChanged change, List<String> clinicians) {
        Instant now = clock.instant();
        JsonObject data = new JsonObject().put("parentId", change.parentId()).put("episodeId", change.episodeId())
                .put("status", change.status()).put("previousStatus", change.previous())
                .put("alertId", change.eventId().toString()).put("transition", change.transition())
                .put("parentDisplayName", change.parentDisplayName())
                .put("explanation", change.explanation() == null ? null : change.explanation().copy());
        List<Notifier.Outgoing> outgoing = new ArrayList<>();
        String episode = change.episodeId() == null ? change.eventId().toString() : change.episodeId();
        if (change.entersSeekHelp()) {
            // the dedupe keys as they have been since the first release: SEEK_HELP's has no recipient
            outgoing.add(new Notifier.Outgoing(change.parentId(), Kind.SEEK_HELP, AlertTexts.seekHelp(change), data,
                    "SEEK_HELP:" + episode));
            for (String clinician : clinicians) {
                outgoing.add(new Notifier.Outgoing(clinician, Kind.CLINICIAN_ALERT, AlertTexts.clinicianAlert(change),
                        data, "CLINICIAN_ALERT:" + episode + ":" + clinician));
            }
        } else if (change.recovered()) {
            toParentAndClinicians(outgoing, Kind.RECOVERED, episode, change.parentId(),
                    clinicians, data, AlertTexts.recovered(change), AlertTexts.clinicianRecovered(change));
        } else if ("LOWER_LEVEL".equals(change.transition())) {
            toParentAndClinicians(outgoing, Kind.LOWER_LEVEL, episode, change.parentId(),
                    clinicians, data, AlertTexts.lowerLevel(change), AlertTexts.clinicianLowerLevel(change));
        } else if ("NO_RECENT_DATA".equals(change.transition())) {
            toParentAndClinicians(outgoing, Kind.NO_RECENT_DATA, episode, change.parentId(),
                    clinicians, data, AlertTexts.noRecentData(), AlertTexts.clinicianNoRecentData(change));
        }
        // NEW_NORMAL and PLANNED_REDUCTION close what was open without a word: nothing to act on
        Uni<Void> tip = Uni.createFrom().voidItem();
        boolean fewerRemovals = change.watchingFor("FEWER_REMOVALS");
        if (fewerRemovals || change.watchingFor("FREQUENCY_LOW")) {
            Function<String, Messages.Text> text = fewerRemovals ? AlertTexts.fewerRemovalsTip(change)
                    : AlertTexts.frequencyTip(change);
            tip = inbox.sentSince(c, change.parentId(), Kind.TIP, now.minus(TIP_SPACING)).invoke(recent -> {
                if (!recent) {
                    outgoing.add(new Notifier.Outgoing(change.parentId(), Kind.TIP, text, data, "TIP:" + change.eventId()));
                }
            }).replaceWithVoid();
        }
        return tip.chain(() -> notifier.sendAll(c, outgoing, now)).replaceWithVoid();
    }

    private Uni<Void> notify(SqlConnection c, Alert.MilestoneMissed missed, List<String> clinicians) {
        JsonObject data = new JsonObject().put("parentId", missed.parentId()).put("alertId", missed.eventId().toString())
                .put("milestone", missed.milestone()).put("babyBirthDate", missed.babyBirthDate())
                .put("dayOfLife", missed.dayOfLife()).put("thresholdMl", missed.thresholdMl())
                .put("bestDayMl", missed.bestDayMl()).put("evaluatedFor", missed.evaluatedFor())
                .put("parentDisplayName", missed.parentDisplayName());
        List<Notifier.Outgoing> outgoing = new ArrayList<>();
        // once per parent and milestone, whatever event id announces it
        toParentAndClinicians(outgoing, Kind.MILESTONE, missed.milestone() + ":" + missed.parentId(),
                missed.parentId(), clinicians, data, AlertTexts.milestone(missed),
                AlertTexts.clinicianMilestone(missed));
        return notifier.sendAll(c, outgoing, clock.instant()).replaceWithVoid();
    }

    /**
     * {@code kind} to the parent and to each clinician, each with their words, once under the dedupe key
     * {@code kind:scope:recipient}.
     */
    private static void toParentAndClinicians(List<Notifier.Outgoing> outgoing, Kind kind, String scope,
            String parentId, List<String> clinicianIds, JsonObject data,
            Function<String, Messages.Text> parentText, Function<String, Messages.Text> clinicianText) {
        outgoing.add(new Notifier.Outgoing(parentId, kind, parentText, data, kind + ":" + scope + ":" + parentId));
        for (String clinician : clinicianIds) {
            outgoing.add(new Notifier.Outgoing(clinician, kind, clinicianText, data, kind + ":" + scope + ":" + clinician));
        }
    }
}
