package app.supplyline.analytics.store;

import app.supplyline.analytics.trend.CheckIn;
import app.supplyline.analytics.trend.FeedingMode;
import app.supplyline.analytics.trend.ParentProfile;
import app.supplyline.analytics.trend.Pumping;
import app.supplyline.analytics.trend.Removal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the projections of the session events (removals, profiles, check-ins), for one parent or many. */
@ApplicationScoped
public class ProjectionStore {

    public Uni<Map<String, ParentProfile>> profiles(SqlClient c, List<String> parents) {
        return c.preparedQuery("""
                        SELECT parent_id, timezone, baby_birth_date, daily_goal_ml, feeding_mode, reducing_on_purpose
                          FROM parent_profile WHERE parent_id = ANY($1)""")
                .execute(Tuple.of(parents.toArray(new String[0])))
                .map(rows -> {
                    Map<String, ParentProfile> profiles = new HashMap<>();
                    rows.forEach(r -> profiles.put(r.getString(0), new ParentProfile(ZoneId.of(r.getString(1)),
                            r.getLocalDate(2), r.getInteger(3), FeedingMode.parse(r.getString(4)), r.getBoolean(5))));
                    return profiles;
                });
    }

    public Uni<ParentProfile> profile(SqlClient c, String parentId) {
        return profiles(c, List.of(parentId)).map(p -> p.getOrDefault(parentId, ParentProfile.UNKNOWN));
    }

    /** The removals (not deleted) that started at or after {@code since}, per parent, in start order. */
    public Uni<Map<String, List<Removal>>> removals(SqlClient c, List<String> parents, Instant since) {
        return c.preparedQuery("""
                        SELECT parent_id, pumping, started_at, ended_at, left_ml, right_ml FROM removal
                         WHERE parent_id = ANY($1) AND NOT deleted AND started_at >= $2
                         ORDER BY parent_id, started_at""")
                .execute(Tuple.of(parents.toArray(new String[0]), since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, List<Removal>> removals = new HashMap<>();
                    rows.forEach(r -> removals.computeIfAbsent(r.getString(0), p -> new ArrayList<>()).add(removal(r)));
                    return removals;
                });
    }

    public Uni<List<Removal>> removals(SqlClient c, String parentId, Instant since) {
        return removals(c, List.of(parentId), since).map(r -> r.getOrDefault(parentId, List.of()));
    }

    /** The parent's pumpings (not deleted) that started in [{@code from}, {@code until}), with their setup. */
    public Uni<List<Pumping>> pumpings(SqlClient c, String parentId, Instant from, Instant until) {
        return c.preparedQuery("""
                        SELECT started_at, left_ml + right_ml, hands_on, pump, flange_size_mm FROM removal
                         WHERE parent_id = $1 AND pumping AND NOT deleted AND started_at >= $2 AND started_at < $3
                         ORDER BY started_at""")
                .execute(Tuple.of(parentId, from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Pumping> pumpings = new ArrayList<>();
                    rows.forEach(r -> pumpings.add(new Pumping(r.getOffsetDateTime(0).toInstant(),
                            r.getBigDecimal(1).doubleValue(), r.getBoolean(2), r.getString(3),
                            doubleOrNull(r.getBigDecimal(4)))));
                    return pumpings;
                });
    }

    /** When a parent's first and latest removals started. */
    public record Span(Instant first, Instant last) {

        /** The parent's local day of their first removal: when they started using Supplyline. */
        public LocalDate firstDay(ZoneId zone) {
            return LocalDate.ofInstant(first, zone);
        }
    }

    /** Each parent's {@link Span}; parents without a removal are absent. */
    public Uni<Map<String, Span>> spans(SqlClient c, List<String> parents) {
        return c.preparedQuery("""
                        SELECT parent_id, min(started_at), max(started_at) FROM removal
                         WHERE parent_id = ANY($1) AND NOT deleted GROUP BY parent_id""")
                .execute(Tuple.of(parents.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Span> spans = new HashMap<>();
                    rows.forEach(r -> spans.put(r.getString(0), new Span(r.getOffsetDateTime(1).toInstant(),
                            r.getOffsetDateTime(2).toInstant())));
                    return spans;
                });
    }

    /** The parent's check-ins from {@code from} to {@code to}, by date. */
    public Uni<List<CheckIn>> checkIns(SqlClient c, String parentId, LocalDate from, LocalDate to) {
        return c.preparedQuery("""
                        SELECT local_date, sleep_hours, water_ml, stress FROM check_in
                         WHERE parent_id = $1 AND local_date BETWEEN $2 AND $3 ORDER BY local_date""")
                .execute(Tuple.of(parentId, from, to))
                .map(rows -> {
                    List<CheckIn> checkIns = new ArrayList<>();
                    rows.forEach(r -> checkIns.add(new CheckIn(r.getLocalDate(0), doubleOrNull(r.getBigDecimal(1)),
                            r.getInteger(2), r.getInteger(3))));
                    return checkIns;
                });
    }

    private static Removal removal(Row r) {
        OffsetDateTime start = r.getOffsetDateTime(2);
        OffsetDateTime end = r.getOffsetDateTime(3);
        return new Removal(start.toInstant(), end.toInstant(), r.getBoolean(1),
                r.getBigDecimal(4).doubleValue(), r.getBigDecimal(5).doubleValue());
    }

    private static Double doubleOrNull(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
