-- An erased parent's stream takes nothing more, whatever instance or cached key a write comes through (ADR-010):
-- moving or locking the stream of a parent with an erasure row fails with SQLSTATE SLERA, answered 404.
CREATE FUNCTION journal_stream_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM erasure WHERE parent_id = NEW.parent_id) THEN
        RAISE EXCEPTION 'parent % was erased', NEW.parent_id USING ERRCODE = 'SLERA';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER journal_stream_open BEFORE INSERT OR UPDATE ON journal_stream
    FOR EACH ROW EXECUTE FUNCTION journal_stream_open();

-- The follow-up takes the erasures least recently tried first: one that keeps failing does not hold the others back.
ALTER TABLE erasure ADD COLUMN attempted_at timestamptz;
DROP INDEX erasure_pending;
CREATE INDEX erasure_pending ON erasure (coalesce(attempted_at, erased_at))
    WHERE key_tombstoned_at IS NULL OR identity_deleted_at IS NULL;
