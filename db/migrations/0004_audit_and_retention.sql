-- The audit log (issue 7 §5) and the retention setting (§6c).
--
-- audit_log records who did what, when and from where: every write, every read of raw reports,
-- logins (failed ones too), purges and GDPR exports. It is append-only: the service role may
-- insert and read its own area's rows, never update or delete, and a trigger refuses UPDATE,
-- DELETE and TRUNCATE to every role, the owner included, so history cannot be rewritten without
-- a visible schema change. There is no foreign key on user_id on purpose: deleting a user must
-- not rewrite (ON DELETE SET NULL) or lose the entries about them.

CREATE TABLE audit_log (
  area_id      integer NOT NULL REFERENCES areas(id),
  id           bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL DEFAULT now(),
  user_id      integer,
  role         text,
  via          text NOT NULL CHECK (via IN ('session', 'token', 'cli', 'system')),
  action       text NOT NULL CHECK (action ~ '^[a-z][a-z0-9._-]{0,62}$'),
  resource     text,
  resource_id  text CHECK (length(resource_id) <= 200),
  method       text,
  -- never a query string: filters name places and times that can identify people
  path         text CHECK (strpos(path, '?') = 0 AND length(path) <= 500),
  status       integer,
  ip           text,
  request_id   text,
  details      jsonb,
  PRIMARY KEY (area_id, id)
);
CREATE INDEX audit_log_area_time ON audit_log (area_id, at DESC);
-- "What did this user do" (GET /audit?userId, GET /me/export).
CREATE INDEX audit_log_area_user ON audit_log (area_id, user_id, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
  END
  $$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY area_isolation ON audit_log TO tryggkarta_app
  USING (area_id = app_area_id()) WITH CHECK (area_id = app_area_id());
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_all ON audit_log TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
GRANT SELECT, INSERT ON audit_log TO tryggkarta_app;

-- areas.settings.retentionMonths: months after which raw descriptions and reporter links of a
-- report are purged (default 24 when absent). Checked here as well as in the service, so no
-- settings API can store a value the purge would have to guess about. CASE keeps the cast from
-- running on a non-number.
ALTER TABLE areas ADD CONSTRAINT areas_retention_months CHECK (
  CASE
    WHEN NOT (settings ? 'retentionMonths') THEN true
    WHEN jsonb_typeof(settings -> 'retentionMonths') <> 'number' THEN false
    ELSE (settings ->> 'retentionMonths')::numeric BETWEEN 1 AND 120
     AND (settings ->> 'retentionMonths')::numeric = trunc((settings ->> 'retentionMonths')::numeric)
  END
);
