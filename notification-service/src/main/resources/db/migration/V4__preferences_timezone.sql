-- Where each user lives (an IANA zone id set by the app from the browser), for their quiet hours; null until set,
-- when a parent's profile timezone stands in.
ALTER TABLE preferences ADD COLUMN timezone text;
