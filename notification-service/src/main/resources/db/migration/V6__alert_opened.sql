-- When a clinician first fetched a notification about a parent through the inbox API ("opened", ADR-010), and the
-- alert-opened events waiting for Kafka (supplyline.access.v1), written in the same statement.
ALTER TABLE notification ADD COLUMN opened_at timestamptz;

CREATE TABLE access_outbox (
    position    bigserial   PRIMARY KEY,
    event_id    uuid        NOT NULL UNIQUE,
    parent_id   text        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        jsonb       NOT NULL
);
