-- "Add to it" instead of a duplicate (issue 5, item 1): when a phone reporter finds a similar
-- report nearby (same category, ≤ 100 m, ≤ 2 h), they confirm it rather than sending a second
-- report, so counts stay one per incident while the report shows how many people saw it.
-- The client's UUID is the key, so a retried confirmation is stored once. The note is free text
-- like a report's description; user_id is kept to answer "who confirmed" (and the GDPR export).

CREATE TABLE report_confirmations (
  area_id       integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id            uuid PRIMARY KEY,
  report_id     uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  user_id       integer,
  note          text CHECK (length(note) <= 1000),
  -- when the reporter saw it (the phone's time: a queued confirmation may arrive hours later)
  confirmed_at  timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (area_id, user_id) REFERENCES users (area_id, id) ON DELETE SET NULL (user_id)
);
-- The per-report count shown on every report, and "my confirmations".
CREATE INDEX report_confirmations_report ON report_confirmations (area_id, report_id);
CREATE INDEX report_confirmations_user ON report_confirmations (area_id, user_id);

ALTER TABLE report_confirmations ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_confirmations FORCE ROW LEVEL SECURITY;
CREATE POLICY area_isolation ON report_confirmations TO tryggkarta_app
  USING (area_id = app_area_id()) WITH CHECK (area_id = app_area_id());
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_all ON report_confirmations TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
GRANT SELECT, INSERT ON report_confirmations TO tryggkarta_app;
