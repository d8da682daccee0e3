-- Every milk removal of every parent, as far as reminders care: when it ended. Versions only move forward and a
-- deletion leaves a tombstone, so events applied in any order give the same rows.
CREATE TABLE removal (
    session_id uuid        PRIMARY KEY,
    parent_id  text        NOT NULL,
    ended_at   timestamptz NOT NULL,
    version    bigint      NOT NULL,
    deleted    boolean     NOT NULL
);
CREATE INDEX removal_parent_end ON removal (parent_id, ended_at) WHERE NOT deleted;

-- Each parent's reminder clock: the end of their last removal, when the next reminder is due (null: none), and the
-- removal end a reminder was already sent for (one reminder per gap).
CREATE TABLE parent_clock (
    parent_id        text        PRIMARY KEY,
    timezone         text        NOT NULL DEFAULT 'UTC',
    profile_version  bigint      NOT NULL DEFAULT 0,
    last_removal_end timestamptz,
    due_at           timestamptz,
    reminded_for     timestamptz
);
CREATE INDEX parent_clock_due ON parent_clock (due_at) WHERE due_at IS NOT NULL;

-- The browsers and phones a user subscribed (a W3C PushSubscription each).
CREATE TABLE push_subscription (
    id         uuid        PRIMARY KEY,
    user_id    text        NOT NULL,
    endpoint   text        NOT NULL,
    p256dh     text        NOT NULL,
    auth       text        NOT NULL,
    label      text,
    created_at timestamptz NOT NULL,
    UNIQUE (user_id, endpoint)
);

-- Pushes to deliver, written in the transaction of their notification; a dispatcher sends them with retries.
CREATE TABLE push_delivery (
    id              bigserial   PRIMARY KEY,
    notification_id uuid        NOT NULL REFERENCES notification (id),
    subscription_id uuid        NOT NULL REFERENCES push_subscription (id) ON DELETE CASCADE,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    state           text        NOT NULL DEFAULT 'PENDING',
    last_error      text
);
CREATE INDEX push_delivery_pending ON push_delivery (next_attempt_at) WHERE state = 'PENDING';
