-- Events already applied (both topics): written in the transaction of their effect.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);

-- Each user's notification preferences; a user without a row has the defaults.
CREATE TABLE preferences (
    user_id                   text        PRIMARY KEY,
    reminders_enabled         boolean     NOT NULL,
    reminder_interval_minutes int         NOT NULL,
    night_interval_minutes    int         NOT NULL,
    quiet_start               time,
    quiet_end                 time,
    locale                    text        NOT NULL,
    channels                  text[]      NOT NULL,
    updated_at                timestamptz NOT NULL
);

-- The inbox: everything sent to a user, the record behind every push. dedupe_key makes each notification happen
-- once (per episode, per clinician, per gap), whatever is redelivered.
CREATE TABLE notification (
    id         uuid        PRIMARY KEY,
    user_id    text        NOT NULL,
    kind       text        NOT NULL,
    title      text        NOT NULL,
    body       text        NOT NULL,
    data       jsonb       NOT NULL,
    dedupe_key text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notification_user ON notification (user_id, created_at DESC, id DESC);
CREATE INDEX notification_tip ON notification (user_id, created_at) WHERE kind = 'TIP';
