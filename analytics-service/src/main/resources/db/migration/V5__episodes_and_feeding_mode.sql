-- How the parent feeds and whether they reduce on purpose (from the profile events): they decide what the status
-- measures. Not declared (null) is judged as exclusive pumping.
ALTER TABLE parent_profile ADD COLUMN feeding_mode text;
ALTER TABLE parent_profile ADD COLUMN reducing_on_purpose boolean NOT NULL DEFAULT false;

-- What one evaluation hands to the next (ADR-007): during a SEEK_HELP episode and the lower level after it, the
-- reference level (B's level when the episode started, of reference_kind) and the first day judged at the lower
-- level; when the day-14 milestone was announced (at most once); and the explanation of the status as last judged.
ALTER TABLE supply_status ADD COLUMN reference_level numeric(7, 1);
ALTER TABLE supply_status ADD COLUMN reference_kind text;
ALTER TABLE supply_status ADD COLUMN phase_since date;
ALTER TABLE supply_status ADD COLUMN milestone_announced_at timestamptz;
ALTER TABLE supply_status ADD COLUMN explanation jsonb;

-- Coming to volume as last judged, for the cohort list: PENDING, REACHED, REACHED_LATE, MISSED or NOT_MEASURED;
-- null outside the follow-up after birth or with the birth date unknown.
ALTER TABLE supply_status ADD COLUMN coming_to_volume text;

-- Parents who were here before: the feeding mode of their profile events was never projected, and an episode begun
-- under the earlier rules has no reference. A rebuild marked unfinished is started over at startup (evaluation
-- pauses until the replay is done), which projects the feeding modes; an open SEEK_HELP takes its last B as
-- reference. Nothing happens on an empty database.
UPDATE supply_status SET reference_level = baseline_avg_ml, reference_kind = 'DAILY_TOTAL'
 WHERE status = 'SEEK_HELP' AND baseline_avg_ml IS NOT NULL;
INSERT INTO rebuild (id, started_at, end_offsets)
SELECT 1, now(), '{}'::jsonb WHERE EXISTS (SELECT 1 FROM parent_profile)
ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = NULL, end_offsets = '{}', replayed = 0;
