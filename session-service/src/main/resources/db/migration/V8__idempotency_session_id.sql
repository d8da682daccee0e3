-- An idempotency record keeps the id of the session its request created, not an HTTP answer: the status and the
-- Location are the resource's to build (ADR-002). Every record so far answered 201 with /api/sessions/<id>.
ALTER TABLE idempotency_key ADD COLUMN session_id uuid;
UPDATE idempotency_key SET session_id = substring(location FROM '[0-9a-fA-F-]{36}$')::uuid;
DELETE FROM idempotency_key WHERE session_id IS NULL;
ALTER TABLE idempotency_key ALTER COLUMN session_id SET NOT NULL;
ALTER TABLE idempotency_key DROP COLUMN location, DROP COLUMN status;
