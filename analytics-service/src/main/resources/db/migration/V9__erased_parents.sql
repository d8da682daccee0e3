-- Parents erased (ADR-010), by id only: a consent an erased parent's still-valid token would grant again is refused
-- (SQLSTATE SLERA, answered 404), so nothing of theirs comes back after ParentErased.
CREATE TABLE erased_parent (
    parent_id text        PRIMARY KEY,
    erased_at timestamptz NOT NULL
);

CREATE FUNCTION parent_not_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM erased_parent WHERE parent_id = NEW.parent_id) THEN
        RAISE EXCEPTION 'parent % was erased', NEW.parent_id USING ERRCODE = 'SLERA';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER consent_parent_not_erased BEFORE INSERT OR UPDATE ON consent
    FOR EACH ROW EXECUTE FUNCTION parent_not_erased();
