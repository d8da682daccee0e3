-- A parent is evaluated once their data has been quiet for a moment (supplyline.status.settle): an offline sync
-- arrives as many events, and a status computed half-way through (a day with 2 of its 8 sessions) could announce a
-- drop that is not there. due_at is when the mark may be taken; every new event of the parent pushes it later.
ALTER TABLE status_due RENAME COLUMN due_since TO due_at;
