-- Hotspot queries filter by category and a time window, and group by the cell: this covering
-- index lets PostgreSQL read only the chosen categories' entries, index-only (measured at 1M
-- reports: res-9 one-year query 340-390 ms -> 44 ms in SQL; the bbox query ~570 -> ~55 ms).
-- geom is included so the map's bbox filter stays index-only too.
CREATE INDEX reports_area_category_time ON reports (area_id, category, observed_at)
  INCLUDE (h3, severity, location_precision, in_analytics, source, organisation_id, geom);

-- The old covering time index is now only needed for listing by time: keep it slim, since
-- every index costs imports (~190 ms per 50k rows for the covering version).
DROP INDEX reports_area_time;
CREATE INDEX reports_area_time ON reports (area_id, observed_at);

-- PGlite has no autovacuum, and after a large import PostgreSQL's may not have run yet: the
-- service asks for fresh statistics (index-only scans also need the visibility map). ANALYZE
-- needs the owner, so the app role gets exactly this one function.
CREATE FUNCTION refresh_report_statistics() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ BEGIN ANALYZE reports; END $$;
REVOKE ALL ON FUNCTION refresh_report_statistics() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refresh_report_statistics() TO tryggkarta_app;

-- Sessions and tokens were written on every request (a commit per GET). Record use at most once
-- a minute; idle expiry (8 h) and last_used_at do not need finer detail.
CREATE OR REPLACE FUNCTION auth_touch_session(p_hash text, p_idle_seconds integer, p_absolute_seconds integer) RETURNS SETOF auth_user
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH live AS (
      SELECT s.id_hash, s.last_seen_at, u.id, u.area_id, u.email, u.name, u.role, u.organisation_id,
             u.password_hash, u.disabled_at, a.code, a.name AS area_name
      FROM sessions s JOIN users u ON u.id = s.user_id AND u.area_id = s.area_id JOIN areas a ON a.id = s.area_id
      WHERE s.id_hash = p_hash
        AND u.disabled_at IS NULL
        AND s.expires_at > now()
        AND s.last_seen_at > now() - make_interval(secs => p_idle_seconds)
        AND s.created_at > now() - make_interval(secs => p_absolute_seconds)
    ), touched AS (
      UPDATE sessions s SET last_seen_at = now()
      FROM live WHERE s.id_hash = live.id_hash AND live.last_seen_at < now() - interval '1 minute'
    )
    SELECT id, area_id, email, name, role, organisation_id, password_hash, disabled_at, code, area_name,
           NULL::integer, false
    FROM live
  $$;

CREATE OR REPLACE FUNCTION auth_use_token(p_hash text) RETURNS SETOF auth_user
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH live AS (
      SELECT t.id AS token_id, t.read_only, t.last_used_at, u.id, u.area_id, u.email, u.name, u.role,
             u.organisation_id, u.password_hash, u.disabled_at, a.code, a.name AS area_name
      FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.area_id = t.area_id JOIN areas a ON a.id = t.area_id
      WHERE t.token_hash = p_hash AND t.revoked_at IS NULL AND u.disabled_at IS NULL
    ), touched AS (
      UPDATE api_tokens t SET last_used_at = now()
      FROM live WHERE t.id = live.token_id AND (live.last_used_at IS NULL OR live.last_used_at < now() - interval '1 minute')
    )
    SELECT id, area_id, email, name, role, organisation_id, password_hash, disabled_at, code, area_name,
           token_id, read_only
    FROM live
  $$;
-- (CREATE OR REPLACE keeps their owner, tryggkarta_auth, and their grants.)
