-- The tokens of signed-in browsers. The browser's cookie holds a random reference; only its SHA-256 is stored.
CREATE TABLE signed_in (
    reference_hash          bytea PRIMARY KEY,
    keycloak_session        text,
    id_token                text        NOT NULL,
    access_token            text,
    refresh_token           text,
    access_token_expires_in bigint,
    access_token_scope      text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    expires_at              timestamptz NOT NULL
);
CREATE INDEX signed_in_keycloak_session ON signed_in (keycloak_session);
CREATE INDEX signed_in_expires ON signed_in (expires_at);
