package app.supplyline.session.store;

import app.supplyline.session.journal.CheckIn;
import app.supplyline.session.journal.Profile;
import app.supplyline.session.journal.VersionedProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Read models of the parent's profile and check-ins. */
@ApplicationScoped
public class WellbeingStore {

    private final Pool pool;

    public WellbeingStore(Pool pool) {
        this.pool = pool;
    }

    /** The parent's profile; on {@code client} (a transaction's connection) or the pool. */
    public Uni<Optional<VersionedProfile>> findProfile(SqlClient client, String parentId) {
        return (client == null ? pool : client).preparedQuery("""
                        SELECT timezone, baby_birth_date, feeding_mode, reducing_on_purpose, preferred_unit,
                               daily_goal_ml, version
                          FROM profile WHERE parent_id = $1""")
                .execute(Tuple.of(parentId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    String mode = r.getString("feeding_mode");
                    return Optional.of(new VersionedProfile(new Profile(r.getString("timezone"),
                            r.getLocalDate("baby_birth_date"), mode == null ? null : Profile.FeedingMode.valueOf(mode),
                            r.getBoolean("reducing_on_purpose"),
                            Profile.VolumeUnit.valueOf(r.getString("preferred_unit")), r.getInteger("daily_goal_ml")),
                            r.getLong("version")));
                });
    }

    public Uni<Void> saveProfile(SqlClient c, String parentId, Profile p, long version, Instant now) {
        return c.preparedQuery("""
                        INSERT INTO profile (parent_id, timezone, baby_birth_date, feeding_mode, reducing_on_purpose,
                                             preferred_unit, daily_goal_ml, version, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                        ON CONFLICT (parent_id) DO UPDATE SET
                            timezone = EXCLUDED.timezone, baby_birth_date = EXCLUDED.baby_birth_date,
                            feeding_mode = EXCLUDED.feeding_mode, reducing_on_purpose = EXCLUDED.reducing_on_purpose,
                            preferred_unit = EXCLUDED.preferred_unit, daily_goal_ml = EXCLUDED.daily_goal_ml,
                            version = EXCLUDED.version, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(parentId, p.timezone(), p.babyBirthDate(),
                        p.feedingMode() == null ? null : p.feedingMode().name(), p.reducingOnPurpose(),
                        p.preferredUnit().name(), p.dailyGoalMl(), version, now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** Whether the parent already has a check-in for that date. */
    public Uni<Boolean> hasCheckIn(SqlClient c, String parentId, LocalDate date) {
        return c.preparedQuery("SELECT 1 FROM check_in WHERE parent_id = $1 AND date = $2")
                .execute(Tuple.of(parentId, date)).map(rows -> rows.size() > 0);
    }

    public Uni<Void> saveCheckIn(SqlClient c, String parentId, CheckIn checkIn, Instant now) {
        return c.preparedQuery("""
                        INSERT INTO check_in (parent_id, date, sleep_hours, water_ml, stress, notes, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (parent_id, date) DO UPDATE SET
                            sleep_hours = EXCLUDED.sleep_hours, water_ml = EXCLUDED.water_ml,
                            stress = EXCLUDED.stress, notes = EXCLUDED.notes, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(parentId, checkIn.date(), checkIn.sleepHours(), checkIn.waterMl(),
                        checkIn.stress(), checkIn.notes(), now.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The parent's check-ins with dates in [from, to], newest first, at most {@code limit}. */
    public Uni<List<CheckIn>> listCheckIns(String parentId, LocalDate from, LocalDate to, int limit) {
        return pool.preparedQuery("""
                        SELECT date, sleep_hours, water_ml, stress, notes FROM check_in
                         WHERE parent_id = $1 AND date >= $2 AND date <= $3
                         ORDER BY date DESC LIMIT $4""")
                .execute(Tuple.of(parentId, from, to, limit))
                .map(rows -> {
                    List<CheckIn> out = new ArrayList<>();
                    rows.forEach(r -> {
                        BigDecimal sleep = r.getValue("sleep_hours") == null ? null : r.getBigDecimal("sleep_hours");
                        out.add(new CheckIn(r.getLocalDate("date"), sleep, r.getInteger("water_ml"),
                                r.getInteger("stress"), r.getString("notes")));
                    });
                    return out;
                });
    }
}
