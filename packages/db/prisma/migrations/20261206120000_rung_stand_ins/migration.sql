-- Rung events that had a part nobody could be resolved for (payload.standIns): /metrics counts
-- them on every scrape, so they get a partial index (only such rows are in it).
CREATE INDEX "CaseEvent_standIns_idx" ON "CaseEvent" (id) WHERE (payload -> 'standIns') IS NOT NULL;
