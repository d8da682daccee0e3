package app.supplyline.analytics.cohort;

import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.SupplyStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Cohorts, consents and the access log, in analytics' database. */
@ApplicationScoped
public class CohortStore {

    private final Pool pool;

    public CohortStore(Pool pool) {
        this.pool = pool;
    }

    public record Cohort(UUID id, String clinicianId, String clinicianName, String name, String inviteCode,
            Instant createdAt, long activePatients) {
    }

    public record Consent(UUID cohortId, String cohortName, String clinicianName, String displayName,
            Instant grantedAt, Instant revokedAt) {
    }

    public record PatientRow(String parentId, String displayName, SupplyStatus status, List<StatusReason> reasons,
            Double changePct, Double currentAvgMl, double removalsPerDay, Instant lastRemovalAt, int rank,
            double changeKey, Integer babyAgeDays, String comingToVolume) {
    }

    public record AccessEntry(long id, String clinicianId, String clinicianName, String resource, Instant accessedAt) {
    }

    private static final String COHORT_COLUMNS = """
            k.id, k.clinician_id, k.clinician_name, k.name, k.invite_code, k.created_at,
            (SELECT count(*) FROM consent s WHERE s.cohort_id = k.id AND s.revoked_at IS NULL)""";

    public Uni<Cohort> create(UUID id, String clinicianId, String clinicianName, String name, String inviteCode,
            Instant now) {
        return pool.preparedQuery("""
                        INSERT INTO cohort (id, clinician_id, clinician_name, name, invite_code, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(id, clinicianId, clinicianName, name, inviteCode, utc(now)))
                .replaceWith(new Cohort(id, clinicianId, clinicianName, name, inviteCode, now, 0));
    }

    /** The clinician's cohorts, oldest first. */
    public Uni<List<Cohort>> cohortsOf(String clinicianId) {
        return pool.preparedQuery("SELECT " + COHORT_COLUMNS + " FROM cohort k WHERE k.clinician_id = $1 ORDER BY k.created_at, k.id")
                .execute(Tuple.of(clinicianId))
                .map(rows -> {
                    List<Cohort> cohorts = new ArrayList<>();
                    rows.forEach(r -> cohorts.add(cohort(r)));
                    return cohorts;
                });
    }

    /** The cohort if this clinician owns it. */
    public Uni<Optional<Cohort>> owned(String clinicianId, UUID cohortId) {
        return pool.preparedQuery("SELECT " + COHORT_COLUMNS + " FROM cohort k WHERE k.id = $1 AND k.clinician_id = $2")
                .execute(Tuple.of(cohortId, clinicianId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(cohort(rows.iterator().next())));
    }

    /** Replaces the invite code of the clinician's cohort; false when it is not theirs. */
    public Uni<Boolean> rotateCode(String clinicianId, UUID cohortId, String code) {
        return pool.preparedQuery("UPDATE cohort SET invite_code = $3 WHERE id = $1 AND clinician_id = $2")
                .execute(Tuple.of(cohortId, clinicianId, code))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Cohort>> byInviteCode(String code) {
        return pool.preparedQuery("SELECT " + COHORT_COLUMNS + " FROM cohort k WHERE k.invite_code = $1")
                .execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(cohort(rows.iterator().next())));
    }

    /**
     * Grants (or grants again after a revocation) the parent's consent, with its event in the same transaction;
     * returns whether it is new — false when an active consent already existed, which is left as it was.
     */
    public Uni<Boolean> grant(UUID cohortId, String parentId, String displayName, Instant now) {
        return pool.withTransaction(c -> c.preparedQuery("""
                        INSERT INTO consent (cohort_id, parent_id, display_name, granted_at) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (cohort_id, parent_id) DO UPDATE SET display_name = EXCLUDED.display_name,
                            granted_at = EXCLUDED.granted_at, revoked_at = NULL, version = consent.version + 1
                        WHERE consent.revoked_at IS NOT NULL
                        RETURNING (SELECT clinician_id FROM cohort WHERE id = $1), version""")
                .execute(Tuple.of(cohortId, parentId, displayName, utc(now)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : ConsentEvents.publish(c, parentId, cohortId, rows.iterator().next().getString(0),
                                rows.iterator().next().getLong(1), true, now).replaceWith(true)));
    }

    /** Revokes the parent's active consent, with its event in the same transaction; false when there was none. */
    public Uni<Boolean> revoke(UUID cohortId, String parentId, Instant now) {
        return pool.withTransaction(c -> c.preparedQuery("""
                        UPDATE consent SET revoked_at = $3, version = version + 1
                         WHERE cohort_id = $1 AND parent_id = $2 AND revoked_at IS NULL
                        RETURNING (SELECT clinician_id FROM cohort WHERE id = $1), version""")
                .execute(Tuple.of(cohortId, parentId, utc(now)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : ConsentEvents.publish(c, parentId, cohortId, rows.iterator().next().getString(0),
                                rows.iterator().next().getLong(1), false, now).replaceWith(true)));
    }

    private static final String CONSENT_COLUMNS = """
            s.cohort_id, k.name, k.clinician_name, s.display_name, s.granted_at, s.revoked_at
              FROM consent s JOIN cohort k ON k.id = s.cohort_id""";

    /** The parent's active consents, newest first. */
    public Uni<List<Consent>> activeConsentsOf(String parentId) {
        return pool.preparedQuery("SELECT " + CONSENT_COLUMNS
                        + " WHERE s.parent_id = $1 AND s.revoked_at IS NULL ORDER BY s.granted_at DESC, s.cohort_id")
                .execute(Tuple.of(parentId))
                .map(rows -> {
                    List<Consent> consents = new ArrayList<>();
                    rows.forEach(r -> consents.add(consent(r)));
                    return consents;
                });
    }

    /** The parent's consent to this cohort, active or revoked. */
    public Uni<Optional<Consent>> consent(UUID cohortId, String parentId) {
        return pool.preparedQuery("SELECT " + CONSENT_COLUMNS + " WHERE s.cohort_id = $1 AND s.parent_id = $2")
                .execute(Tuple.of(cohortId, parentId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(consent(rows.iterator().next())));
    }

    /** Whether the parent's consent to the clinician's cohort is active now. */
    public Uni<Boolean> hasActiveConsent(SqlClient c, String clinicianId, UUID cohortId, String parentId) {
        return c.preparedQuery("""
                        SELECT 1 FROM consent s JOIN cohort k ON k.id = s.cohort_id
                         WHERE s.cohort_id = $1 AND s.parent_id = $2 AND k.clinician_id = $3 AND s.revoked_at IS NULL""")
                .execute(Tuple.of(cohortId, parentId, clinicianId))
                .map(rows -> rows.size() == 1);
    }

    public enum PatientSort { NAME, RISK }

    /** Keyset position after which a page continues: the sort key of the last row. */
    public record After(String name, Integer rank, Double changeKey, String parentId) {
    }

    /**
     * One page of the cohort's consenting parents with their status. RISK: SEEK_HELP, WATCH, STABLE, then
     * INSUFFICIENT_DATA, each by change ascending (unknown change last); NAME: by display name.
     */
    public Uni<List<PatientRow>> patients(UUID cohortId, List<SupplyStatus> statuses, PatientSort sort, After after,
            int limit, Instant now) {
        String order = sort == PatientSort.RISK ? "rank, change_key, parent_id" : "display_name, parent_id";
        String[] statusNames = statuses.isEmpty() ? null : statuses.stream().map(Enum::name).toArray(String[]::new);
        return pool.preparedQuery("""
                        WITH page AS (
                            SELECT parent_id, display_name, status, reasons, change_pct, current_avg_ml,
                                   removals_per_day, last_removal_at, rank, change_key, coming_to_volume FROM (
                                SELECT s.parent_id, s.display_name, coalesce(st.status, 'INSUFFICIENT_DATA') AS status,
                                       coalesce(st.reasons, '{}') AS reasons, st.change_pct, st.current_avg_ml,
                                       coalesce(st.removals_per_day, 0) AS removals_per_day, st.last_removal_at,
                                       CASE coalesce(st.status, 'INSUFFICIENT_DATA') WHEN 'SEEK_HELP' THEN 0
                                            WHEN 'WATCH' THEN 1 WHEN 'STABLE' THEN 2 ELSE 3 END AS rank,
                                       coalesce(st.change_pct, 1e9)::float8 AS change_key, st.coming_to_volume
                                  FROM consent s LEFT JOIN supply_status st ON st.parent_id = s.parent_id
                                 WHERE s.cohort_id = $1 AND s.revoked_at IS NULL) p
                             WHERE ($2::text[] IS NULL OR status = ANY($2))
                               AND ($4::int IS NULL OR (rank, change_key, parent_id) > ($4::int, $5::float8, $6::text))
                               AND ($7::text IS NULL OR (display_name, parent_id) > ($7::text, $6::text))
                             ORDER BY %1$s LIMIT $3)
                        -- the baby's age only for the page's rows
                        SELECT page.parent_id, display_name, status, reasons, change_pct, current_avg_ml,
                               removals_per_day, last_removal_at, rank, change_key,
                               ($8::timestamptz AT TIME ZONE coalesce(pp.timezone, 'UTC'))::date - pp.baby_birth_date,
                               coming_to_volume
                          FROM page LEFT JOIN parent_profile pp ON pp.parent_id = page.parent_id
                         ORDER BY %2$s""".formatted(order, order.replace("parent_id", "page.parent_id")))
                .execute(Tuple.tuple(Arrays.asList(cohortId, statusNames, limit,
                        after == null ? null : after.rank(), after == null ? null : after.changeKey(),
                        after == null ? null : after.parentId(), after == null ? null : after.name(), utc(now))))
                .map(rows -> {
                    List<PatientRow> patients = new ArrayList<>();
                    rows.forEach(r -> patients.add(patient(r)));
                    return patients;
                });
    }

    /** Records that a clinician read these parents' data. */
    public Uni<Void> audit(SqlClient c, UUID cohortId, List<String> parentIds, String clinicianId, String clinicianName,
            String resource, Instant now) {
        if (parentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                        INSERT INTO access_log (cohort_id, parent_id, clinician_id, clinician_name, resource, accessed_at)
                        SELECT $1, unnest($2::text[]), $3, $4, $5, $6""")
                .execute(Tuple.of(cohortId, parentIds.toArray(new String[0]), clinicianId, clinicianName, resource,
                        utc(now)))
                .replaceWithVoid();
    }

    /** Who read the parent's data through this cohort, newest first, before the entry {@code beforeId}. */
    public Uni<List<AccessEntry>> accessLog(UUID cohortId, String parentId, Long beforeId, int limit) {
        return pool.preparedQuery("""
                        SELECT id, clinician_id, clinician_name, resource, accessed_at FROM access_log
                         WHERE parent_id = $1 AND cohort_id = $2 AND ($3::bigint IS NULL OR id < $3)
                         ORDER BY id DESC LIMIT $4""")
                .execute(Tuple.tuple(Arrays.asList(parentId, cohortId, beforeId, limit)))
                .map(rows -> {
                    List<AccessEntry> entries = new ArrayList<>();
                    rows.forEach(r -> entries.add(new AccessEntry(r.getLong(0), r.getString(1), r.getString(2),
                            r.getString(3), r.getOffsetDateTime(4).toInstant())));
                    return entries;
                });
    }

    private static Cohort cohort(Row r) {
        return new Cohort(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getOffsetDateTime(5).toInstant(), r.getLong(6));
    }

    private static Consent consent(Row r) {
        return new Consent(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3),
                r.getOffsetDateTime(4).toInstant(), r.getOffsetDateTime(5) == null ? null : r.getOffsetDateTime(5).toInstant());
    }

    private static PatientRow patient(Row r) {
        return new PatientRow(r.getString(0), r.getString(1), SupplyStatus.valueOf(r.getString(2)),
                Arrays.stream(r.getArrayOfStrings(3)).map(StatusReason::valueOf).toList(),
                doubleOrNull(r.getBigDecimal(4)), doubleOrNull(r.getBigDecimal(5)), r.getBigDecimal(6).doubleValue(),
                r.getOffsetDateTime(7) == null ? null : r.getOffsetDateTime(7).toInstant(), r.getInteger(8),
                r.getDouble(9), r.getInteger(10), r.getString(11));
    }

    private static Double doubleOrNull(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
