-- Events already applied: written in the transaction of their effect, so a redelivered event changes nothing.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);

-- Every milk removal of every parent, as the session-service's events describe it now.
CREATE TABLE removal (
    session_id uuid        PRIMARY KEY,
    parent_id  text        NOT NULL,
    pumping    boolean     NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NOT NULL,
    left_ml    numeric(5, 1) NOT NULL,
    right_ml   numeric(5, 1) NOT NULL,
    version    bigint      NOT NULL,
    deleted    boolean     NOT NULL
);
CREATE INDEX removal_parent_started ON removal (parent_id, started_at) WHERE NOT deleted;

-- What analytics needs of the profile: the timezone of the local days, the birth date, the goal.
CREATE TABLE parent_profile (
    parent_id       text PRIMARY KEY,
    timezone        text NOT NULL,
    baby_birth_date date,
    daily_goal_ml   int
);
