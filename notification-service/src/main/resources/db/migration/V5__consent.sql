-- Each parent's consent to each cohort's clinician, as the analytics-service's ConsentChanged events tell it: a
-- clinician alert is checked against it when it is delivered, and a revocation cancels the pushes not yet sent.
-- version: the consent's change number from analytics; the highest wins whatever order the events come in.
CREATE TABLE consent (
    parent_id    text        NOT NULL,
    cohort_id    uuid        NOT NULL,
    clinician_id text        NOT NULL,
    active       boolean     NOT NULL,
    version      bigint      NOT NULL,
    changed_at   timestamptz NOT NULL,
    PRIMARY KEY (parent_id, cohort_id)
);
CREATE INDEX consent_clinician ON consent (parent_id, clinician_id);
