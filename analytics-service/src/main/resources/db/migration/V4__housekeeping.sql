-- The evaluator claims the oldest due marks (ORDER BY due_at LIMIT … SKIP LOCKED) and the lag is their age: both
-- read this index instead of sorting the whole table (every parent is marked after a rebuild and at midnight sweeps).
CREATE INDEX status_due_due_at ON status_due (due_at);
-- Processed event ids are purged after supplyline.retention.processed-events (Retention).
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
