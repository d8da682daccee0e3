-- Deleting a subscription (gone at the push service, or unsubscribed) cascades to its deliveries: without this
-- index each delete scanned the whole table.
CREATE INDEX push_delivery_subscription ON push_delivery (subscription_id);
-- The same for the notification a delivery carries (notifications are deleted with their user's data).
CREATE INDEX push_delivery_notification ON push_delivery (notification_id);
-- Failed deliveries are purged after supplyline.retention.failed-pushes; processed event ids after
-- supplyline.retention.processed-events (Retention).
CREATE INDEX push_delivery_failed ON push_delivery (next_attempt_at) WHERE state = 'FAILED';
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
