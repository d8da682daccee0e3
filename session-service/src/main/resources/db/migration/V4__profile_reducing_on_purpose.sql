-- A parent weaning or reducing their supply on purpose (ProfileUpdated schema version 2); existing profiles are not.
ALTER TABLE profile ADD COLUMN reducing_on_purpose boolean NOT NULL DEFAULT false;
