-- Triage history (issue 4 item 5): who changed a report's status or category, when, from what to
-- what. The report detail view shows it; the audit log says only that a report was updated (it
-- never stores bodies). Written by the service in the same transaction as the change, so a
-- refused or failed change leaves no entry. Deleting a report deletes its history.

CREATE TABLE report_triage (
  area_id        integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  report_id      uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  at             timestamptz NOT NULL DEFAULT now(),
  user_id        integer,
  status_from    text CHECK (status_from IN ('new', 'reviewed', 'archived')),
  status_to      text CHECK (status_to IN ('new', 'reviewed', 'archived')),
  category_from  text,
  category_to    text,
  PRIMARY KEY (area_id, id),
  FOREIGN KEY (area_id, user_id) REFERENCES users (area_id, id) ON DELETE SET NULL (user_id),
  CHECK (status_to IS NOT NULL OR category_to IS NOT NULL)
);
CREATE INDEX report_triage_report ON report_triage (area_id, report_id, id);

ALTER TABLE report_triage ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_triage FORCE ROW LEVEL SECURITY;
CREATE POLICY area_isolation ON report_triage TO tryggkarta_app
  USING (area_id = app_area_id()) WITH CHECK (area_id = app_area_id());
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_all ON report_triage TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
-- History is written and read, never rewritten by the service.
GRANT SELECT, INSERT ON report_triage TO tryggkarta_app;
