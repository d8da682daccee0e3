-- Idempotency answers are purged after supplyline.retention.idempotency-keys (Retention).
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
