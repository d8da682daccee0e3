package app.supplyline.session.wellbeing;

import app.supplyline.session.intake.SessionConfig;
import app.supplyline.session.journal.CheckIn;
import app.supplyline.session.journal.JournalEvent;
import app.supplyline.session.journal.Profile;
import app.supplyline.session.journal.SessionRejected;
import app.supplyline.session.journal.Violation;
import app.supplyline.session.journal.WellbeingRules;
import app.supplyline.session.store.JournalStore;
import app.supplyline.session.store.OutboxRelay;
import app.supplyline.session.store.WellbeingStore;
import app.supplyline.session.journal.VersionedProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The parent's profile and wellbeing check-ins: each change is a journal event, stored and published like sessions. */
@ApplicationScoped
public class WellbeingService {

    private final JournalStore journal;
    private final WellbeingStore store;
    private final OutboxRelay relay;
    private final Clock clock;
    private final int maxNotesLength;

    public WellbeingService(JournalStore journal, WellbeingStore store, OutboxRelay relay, Clock clock,
            SessionConfig config) {
        this.journal = journal;
        this.store = store;
        this.relay = relay;
        this.clock = clock;
        this.maxNotesLength = config.maxNotesLength();
    }

    public Uni<VersionedProfile> profile(String parentId) {
        return store.findProfile(null, parentId)
                .map(found -> found.orElse(new VersionedProfile(Profile.defaults(), 0)));
    }

    public Uni<VersionedProfile> updateProfile(String parentId, Profile profile) {
        Instant now = JournalStore.micros(clock.instant());
        reject(WellbeingRules.check(profile, now));
        return journal.locked(parentId, (c, streamVersion) ->
                        store.findProfile(c, parentId).chain(current -> {
                            long version = current.map(VersionedProfile::version).orElse(0L) + 1;
                            return journal.append(c, parentId, streamVersion,
                                            List.of(new JournalEvent.ProfileUpdated(profile)), now)
                                    .chain(() -> store.saveProfile(c, parentId, profile, version, now))
                                    .replaceWith(new VersionedProfile(profile, version));
                        }))
                .invoke(saved -> relay.nudge());
    }

    /** Records the check-in; true when it replaced an earlier one of the same date. */
    public Uni<Boolean> logCheckIn(String parentId, CheckIn checkIn) {
        Instant now = JournalStore.micros(clock.instant());
        return journal.locked(parentId, (c, streamVersion) ->
                        store.findProfile(c, parentId).chain(profile -> {
                            Profile p = profile.map(VersionedProfile::profile).orElse(Profile.defaults());
                            reject(WellbeingRules.check(checkIn, p.zone(), now, maxNotesLength));
                            return store.hasCheckIn(c, parentId, checkIn.date()).chain(replaces ->
                                    journal.append(c, parentId, streamVersion,
                                                    List.of(new JournalEvent.CheckInLogged(checkIn)), now)
                                            .chain(() -> store.saveCheckIn(c, parentId, checkIn, now))
                                            .replaceWith(replaces));
                        }))
                .invoke(saved -> relay.nudge());
    }

    public Uni<List<CheckIn>> checkIns(String parentId, LocalDate from, LocalDate to, int limit) {
        return store.listCheckIns(parentId, from, to, limit);
    }

    private static void reject(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new SessionRejected.Invalid(violations);
        }
    }
}
