-- Tenancy enforced by the database. Every area-scoped table has row-level security, enabled and
-- forced. The service runs as tryggkarta_app (SET ROLE right after migrating): it owns nothing,
-- cannot bypass RLS, and sees only rows of the area in app.area_id, which it sets per transaction
-- (set_config(..., true) = SET LOCAL). Login, session and token lookups happen before the area is
-- known; they go through SECURITY DEFINER functions owned by tryggkarta_auth, the only other role
-- the policies let through. The migrating role (the owner, used by the admin CLI) sees everything.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tryggkarta_app') THEN
    CREATE ROLE tryggkarta_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tryggkarta_auth') THEN
    CREATE ROLE tryggkarta_auth NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  -- The owner switches to the app role to serve and hands functions to the auth role.
  IF NOT pg_has_role(current_user, 'tryggkarta_app', 'MEMBER') THEN
    EXECUTE format('GRANT tryggkarta_app TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'tryggkarta_auth', 'MEMBER') THEN
    EXECUTE format('GRANT tryggkarta_auth TO %I', current_user);
  END IF;
END $$;

CREATE FUNCTION app_area_id() RETURNS integer
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.area_id', true), '')::integer $$;

GRANT USAGE ON SCHEMA public TO tryggkarta_app, tryggkarta_auth;
GRANT SELECT ON areas TO tryggkarta_app;
GRANT UPDATE (name, timezone, settings) ON areas TO tryggkarta_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations, users, api_tokens, sessions, categories, reports TO tryggkarta_app;
GRANT SELECT ON areas, users, api_tokens, sessions TO tryggkarta_auth;
GRANT UPDATE (last_seen_at) ON sessions TO tryggkarta_auth;
GRANT UPDATE (last_used_at) ON api_tokens TO tryggkarta_auth;
GRANT DELETE ON sessions TO tryggkarta_auth;

DO $$
DECLARE
  t text;
  area_column text;
BEGIN
  FOREACH t IN ARRAY ARRAY['areas', 'organisations', 'users', 'api_tokens', 'sessions', 'categories', 'reports'] LOOP
    area_column := CASE WHEN t = 'areas' THEN 'id' ELSE 'area_id' END;
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY area_isolation ON %I TO tryggkarta_app USING (%I = app_area_id()) WITH CHECK (%I = app_area_id())',
                   t, area_column, area_column);
    EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['areas', 'users', 'api_tokens', 'sessions'] LOOP
    EXECUTE format('CREATE POLICY auth_lookup ON %I TO tryggkarta_auth USING (true)', t);
  END LOOP;
END $$;

-- What the functions return about a user: enough to build the request's AuthContext.
CREATE TYPE auth_user AS (
  id integer, area_id integer, email text, name text, role text, organisation_id integer,
  password_hash text, disabled_at timestamptz, area_code text, area_name text,
  token_id integer, read_only boolean
);

CREATE FUNCTION auth_user_by_email(p_email text) RETURNS SETOF auth_user
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.area_id, u.email, u.name, u.role, u.organisation_id, u.password_hash, u.disabled_at,
           a.code, a.name, NULL::integer, false
    FROM users u JOIN areas a ON a.id = u.area_id
    WHERE u.email = lower(p_email)
  $$;

-- A live session slides its idle expiry; an expired, idle or disabled one returns nothing.
CREATE FUNCTION auth_touch_session(p_hash text, p_idle_seconds integer, p_absolute_seconds integer) RETURNS SETOF auth_user
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE sessions s SET last_seen_at = now()
    FROM users u, areas a
    WHERE s.id_hash = p_hash
      AND u.id = s.user_id AND u.area_id = s.area_id AND a.id = s.area_id
      AND u.disabled_at IS NULL
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(secs => p_idle_seconds)
      AND s.created_at > now() - make_interval(secs => p_absolute_seconds)
    RETURNING u.id, u.area_id, u.email, u.name, u.role, u.organisation_id, u.password_hash, u.disabled_at,
              a.code, a.name, NULL::integer, false
  $$;

CREATE FUNCTION auth_use_token(p_hash text) RETURNS SETOF auth_user
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE api_tokens t SET last_used_at = now()
    FROM users u, areas a
    WHERE t.token_hash = p_hash AND t.revoked_at IS NULL
      AND u.id = t.user_id AND u.area_id = t.area_id AND a.id = t.area_id
      AND u.disabled_at IS NULL
    RETURNING u.id, u.area_id, u.email, u.name, u.role, u.organisation_id, u.password_hash, u.disabled_at,
              a.code, a.name, t.id, t.read_only
  $$;

CREATE FUNCTION auth_end_session(p_hash text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ DELETE FROM sessions WHERE id_hash = p_hash $$;

-- A non-superuser owner may only hand a function to a role that could create it.
GRANT CREATE ON SCHEMA public TO tryggkarta_auth;
ALTER FUNCTION auth_user_by_email(text) OWNER TO tryggkarta_auth;
ALTER FUNCTION auth_touch_session(text, integer, integer) OWNER TO tryggkarta_auth;
ALTER FUNCTION auth_use_token(text) OWNER TO tryggkarta_auth;
ALTER FUNCTION auth_end_session(text) OWNER TO tryggkarta_auth;
REVOKE CREATE ON SCHEMA public FROM tryggkarta_auth;
REVOKE ALL ON FUNCTION auth_user_by_email(text), auth_touch_session(text, integer, integer), auth_use_token(text), auth_end_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_user_by_email(text), auth_touch_session(text, integer, integer), auth_use_token(text), auth_end_session(text) TO tryggkarta_app;
GRANT EXECUTE ON FUNCTION app_area_id() TO tryggkarta_app, tryggkarta_auth;
