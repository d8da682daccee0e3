-- Each parent's data key (crypto-shredding, ADR-010), sealed under the key-encryption key. The outbox relay publishes
-- it on supplyline.keys.v1 (published_at) before any event of the parent; erasure deletes the row.
CREATE TABLE data_key (
    parent_id    text        PRIMARY KEY,
    wrapped      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX data_key_unpublished ON data_key (parent_id) WHERE published_at IS NULL;

-- Erased parents: the fact only (the parent id, nothing personal), so that nothing of theirs is written again, and the
-- steps that follow the erasure's transaction: the key's tombstone on the topic, the user deleted in Keycloak.
CREATE TABLE erasure (
    parent_id           text        PRIMARY KEY,
    erased_at           timestamptz NOT NULL,
    key_tombstoned_at   timestamptz,
    identity_deleted_at timestamptz
);
CREATE INDEX erasure_pending ON erasure (erased_at) WHERE key_tombstoned_at IS NULL OR identity_deleted_at IS NULL;
