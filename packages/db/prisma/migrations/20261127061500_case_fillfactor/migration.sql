-- A case row is rewritten by every event on it. Room left on each page lets PostgreSQL
-- update it in place (HOT: no new index entries), as no indexed column of it changes.
ALTER TABLE "Case" SET (fillfactor = 80);
