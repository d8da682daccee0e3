-- The access log stays append-only except when the parent it is about is erased (ADR-010): the transaction that
-- applies ParentErased sets supplyline.erasing for itself only (set_config(…, true)).
CREATE OR REPLACE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('supplyline.erasing', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'access_log is append-only';
END $$;
