-- Parents erased (ADR-010), by id only: an alert about them that arrives after ParentErased is skipped, and what an
-- erased parent's still-valid token would write again (preferences, a device) is refused (SQLSTATE SLERA, 404).
CREATE TABLE erased_parent (
    parent_id text        PRIMARY KEY,
    erased_at timestamptz NOT NULL
);

CREATE FUNCTION user_not_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM erased_parent WHERE parent_id = NEW.user_id) THEN
        RAISE EXCEPTION 'user % was erased', NEW.user_id USING ERRCODE = 'SLERA';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER preferences_user_not_erased BEFORE INSERT OR UPDATE ON preferences
    FOR EACH ROW EXECUTE FUNCTION user_not_erased();
CREATE TRIGGER push_subscription_user_not_erased BEFORE INSERT OR UPDATE ON push_subscription
    FOR EACH ROW EXECUTE FUNCTION user_not_erased();
