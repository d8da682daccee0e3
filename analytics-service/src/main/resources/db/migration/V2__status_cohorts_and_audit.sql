-- Projections apply events in any order and come out the same: every row keeps the stream version it came from
-- and only a newer version replaces it. This is what lets a rebuild replay the topic while live events arrive.
ALTER TABLE parent_profile ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- The wellbeing check-ins (one per local date), for the insights.
CREATE TABLE check_in (
    parent_id   text          NOT NULL,
    local_date  date          NOT NULL,
    sleep_hours numeric(3, 1),
    water_ml    int,
    stress      smallint,
    version     bigint        NOT NULL,
    PRIMARY KEY (parent_id, local_date)
);

-- Parents whose status must be evaluated again: marked in the transaction that changed their data (or by the
-- midnight sweep), taken with SKIP LOCKED by the evaluator, so bursts coalesce and several instances share the work.
CREATE TABLE status_due (
    parent_id text        PRIMARY KEY,
    due_since timestamptz NOT NULL
);

-- The current status of each parent and the figures behind it (for the cohort list); not a projection of the
-- sessions topic but a decision with a history (episodes, published alerts), so a rebuild keeps it.
CREATE TABLE supply_status (
    parent_id          text          PRIMARY KEY,
    status             text          NOT NULL,
    reasons            text[]        NOT NULL,
    episode_id         uuid,
    current_avg_ml     numeric(7, 1),
    baseline_avg_ml    numeric(7, 1),
    change_pct         numeric(7, 1),
    removals_per_day   numeric(5, 1) NOT NULL,
    regular_days       int           NOT NULL,
    last_removal_at    timestamptz,
    evaluated_for      date          NOT NULL,
    evaluated_at       timestamptz   NOT NULL,
    changed_at         timestamptz   NOT NULL
);

-- SupplyStatusChanged events waiting for Kafka (supplyline.alerts.v1), written in the evaluation's transaction.
CREATE TABLE alert_outbox (
    position    bigserial   PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    parent_id   text        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        jsonb       NOT NULL
);

-- A clinician's cohort; parents join it with the invite code, which the owner can rotate.
CREATE TABLE cohort (
    id             uuid        PRIMARY KEY,
    clinician_id   text        NOT NULL,
    clinician_name text        NOT NULL,
    name           text        NOT NULL,
    invite_code    text        NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL
);
CREATE INDEX cohort_clinician ON cohort (clinician_id, created_at);

-- A parent's consent to share with a cohort; active while revoked_at is null. The display name is the parent's
-- name from their token at consent time, the only personal detail the clinician sees besides the figures.
CREATE TABLE consent (
    cohort_id    uuid        NOT NULL REFERENCES cohort (id),
    parent_id    text        NOT NULL,
    display_name text        NOT NULL,
    granted_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    PRIMARY KEY (cohort_id, parent_id)
);
CREATE INDEX consent_parent ON consent (parent_id) WHERE revoked_at IS NULL;
CREATE INDEX consent_cohort_active ON consent (cohort_id, display_name, parent_id) WHERE revoked_at IS NULL;

-- Every clinician read of a parent's data; the parent can read it. Append-only.
CREATE TABLE access_log (
    id             bigserial   PRIMARY KEY,
    cohort_id      uuid        NOT NULL,
    parent_id      text        NOT NULL,
    clinician_id   text        NOT NULL,
    clinician_name text        NOT NULL,
    resource       text        NOT NULL,
    accessed_at    timestamptz NOT NULL
);
CREATE INDEX access_log_parent ON access_log (parent_id, cohort_id, id);

CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_log is append-only';
END $$;
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_append_only();

-- A projection rebuild in progress: status evaluation waits until the replay reached these end offsets.
CREATE TABLE rebuild (
    id          int         PRIMARY KEY CHECK (id = 1),
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    end_offsets jsonb       NOT NULL,
    replayed    bigint      NOT NULL DEFAULT 0
);
