-- Each change of a consent (granted, revoked, granted again) numbers it: the consent events carry the number, so a
-- consumer keeps the latest change whatever order or clock the events come with.
ALTER TABLE consent ADD COLUMN version bigint NOT NULL DEFAULT 1;
