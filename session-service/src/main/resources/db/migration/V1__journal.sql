-- The parent's journal: an append-only event store, the current-state read model kept in the same transaction,
-- and the transactional outbox the relay publishes to Kafka from.

-- One row per parent stream; locked (FOR UPDATE) by every append, so appends of one parent are serialized.
CREATE TABLE journal_stream (
    parent_id text   PRIMARY KEY,
    version   bigint NOT NULL
);

CREATE TABLE journal_event (
    event_id       uuid        PRIMARY KEY,
    parent_id      text        NOT NULL,
    version        bigint      NOT NULL,
    type           text        NOT NULL,
    schema_version int         NOT NULL,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL,
    data           jsonb       NOT NULL,
    -- optimistic concurrency: two appends can never take the same place in a stream
    CONSTRAINT journal_event_stream_version UNIQUE (parent_id, version)
);

-- Events are facts: no UPDATE, DELETE or TRUNCATE, whatever the caller.
CREATE FUNCTION journal_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER journal_event_no_update_or_delete BEFORE UPDATE OR DELETE ON journal_event
    FOR EACH ROW EXECUTE FUNCTION journal_event_is_append_only();
CREATE TRIGGER journal_event_no_truncate BEFORE TRUNCATE ON journal_event
    FOR EACH STATEMENT EXECUTE FUNCTION journal_event_is_append_only();

-- Events still to publish. shard = a hash of the parent: one relay holds a shard at a time, so each parent's
-- events leave in stream order even with several service instances.
CREATE TABLE outbox (
    position   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   uuid        NOT NULL UNIQUE REFERENCES journal_event (event_id),
    shard      int         NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX outbox_shard_position ON outbox (shard, position);

CREATE TABLE outbox_shard (
    shard int PRIMARY KEY
);
INSERT INTO outbox_shard (shard) SELECT generate_series(0, 15);

-- Current state of each session (the read model of the journal).
CREATE TABLE session (
    session_id uuid          PRIMARY KEY,
    parent_id  text          NOT NULL,
    type       text          NOT NULL,
    started_at timestamptz   NOT NULL,
    ended_at   timestamptz   NOT NULL,
    left_ml    numeric(5, 1),
    right_ml   numeric(5, 1),
    hands_on   boolean,
    pump       text,
    side       text,
    notes      text,
    version    bigint        NOT NULL,
    deleted    boolean       NOT NULL,
    updated_at timestamptz   NOT NULL
);
CREATE INDEX session_parent_started ON session (parent_id, started_at DESC, session_id DESC) WHERE NOT deleted;

-- Idempotency-Key of create requests: a repeat with the same body gets the stored answer.
CREATE TABLE idempotency_key (
    parent_id    text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       int         NOT NULL,
    location     text,
    body         jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (parent_id, key)
);
