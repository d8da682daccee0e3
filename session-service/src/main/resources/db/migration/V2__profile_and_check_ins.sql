-- Read models of ProfileUpdated and CheckInLogged, kept in the transaction of the append like the sessions.

CREATE TABLE profile (
    parent_id       text        PRIMARY KEY,
    timezone        text        NOT NULL,
    baby_birth_date date,
    feeding_mode    text,
    preferred_unit  text        NOT NULL,
    daily_goal_ml   int,
    version         bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE TABLE check_in (
    parent_id   text          NOT NULL,
    date        date          NOT NULL,
    sleep_hours numeric(3, 1),
    water_ml    int,
    stress      int,
    notes       text,
    updated_at  timestamptz   NOT NULL,
    PRIMARY KEY (parent_id, date)
);
