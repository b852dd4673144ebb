-- The public view (no login): the service must find an area by its code before any area is set
-- for the transaction, and row-level security hides every area from tryggkarta_app until then.
-- This function, owned by tryggkarta_auth like the auth_* functions of 0003, answers only for an
-- area whose admin has switched publicHotspots on; for any other code (unknown, or not
-- published) it returns nothing, so the API cannot tell the two apart. The counts themselves
-- are then read inside that area's transaction (withArea) under the ordinary RLS policies.
CREATE FUNCTION public_area_by_code(p_code text)
  RETURNS TABLE (id integer, name text, timezone text, settings jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.id, a.name, a.timezone, a.settings
    FROM areas a
    WHERE a.code = p_code AND a.settings @> '{"publicHotspots": true}'::jsonb
  $$;

GRANT CREATE ON SCHEMA public TO tryggkarta_auth;
ALTER FUNCTION public_area_by_code(text) OWNER TO tryggkarta_auth;
REVOKE CREATE ON SCHEMA public FROM tryggkarta_auth;
REVOKE ALL ON FUNCTION public_area_by_code(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_area_by_code(text) TO tryggkarta_app;
