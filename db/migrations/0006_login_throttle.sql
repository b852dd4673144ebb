-- Failed logins per account, for the lockout: 5 failures within 15 minutes lock the account
-- (429 with Retry-After, even for the right password) until the window passes. Keyed by the
-- email as typed (lower-cased), known or not, so the answer never tells which accounts exist.
-- Not area-scoped (the area is unknown before login): only the functions below touch it.
CREATE TABLE login_failures (
  email      text NOT NULL,
  failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_time ON login_failures (email, failed_at DESC);

GRANT SELECT, INSERT, DELETE ON login_failures TO tryggkarta_auth;

-- Seconds until the account may try again, or 0 when it is not locked.
CREATE FUNCTION auth_login_lock_seconds(p_email text, p_max_failures integer, p_window_seconds integer) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT coalesce(ceil(extract(epoch FROM (min(f.failed_at) + make_interval(secs => p_window_seconds) - now())))::integer, 0)
    FROM (
      SELECT failed_at FROM login_failures
      WHERE email = lower(p_email) AND failed_at > now() - make_interval(secs => p_window_seconds)
      ORDER BY failed_at DESC LIMIT p_max_failures
    ) f
    HAVING count(*) >= p_max_failures
  $$;

CREATE FUNCTION auth_record_login_failure(p_email text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    DELETE FROM login_failures WHERE failed_at < now() - interval '1 day';
    INSERT INTO login_failures (email) VALUES (lower(p_email));
  $$;

CREATE FUNCTION auth_clear_login_failures(p_email text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ DELETE FROM login_failures WHERE email = lower(p_email) $$;

GRANT CREATE ON SCHEMA public TO tryggkarta_auth;
ALTER FUNCTION auth_login_lock_seconds(text, integer, integer) OWNER TO tryggkarta_auth;
ALTER FUNCTION auth_record_login_failure(text) OWNER TO tryggkarta_auth;
ALTER FUNCTION auth_clear_login_failures(text) OWNER TO tryggkarta_auth;
REVOKE CREATE ON SCHEMA public FROM tryggkarta_auth;
REVOKE ALL ON FUNCTION auth_login_lock_seconds(text, integer, integer), auth_record_login_failure(text), auth_clear_login_failures(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_login_lock_seconds(text, integer, integer), auth_record_login_failure(text), auth_clear_login_failures(text) TO tryggkarta_app;
