-- Targeted patrols and medborgarlöften (issue 6): patrol plans and their targets, the patrol
-- logs phones send (check-in/check-out with a track or a point), citizen promises with their
-- targets and manual activities.
--
-- A target refers to a zone (0010) or to H3 cells, and keeps its own outline (geom) copied when
-- it is saved: dosage and progress are measured against the place as it was agreed, and deleting
-- or redrawing a zone later never breaks or silently moves a plan (the zone link goes NULL, the
-- outline stays). Logs are kept as drawn: one geometry, a LineString (a walked track) or a Point
-- (a stop), with no per-vertex times (time on site assumes constant speed, see dosage).

CREATE TABLE patrol_plans (
  area_id      integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id           uuid PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- the plan's period, half-open [period_from, period_to)
  period_from  timestamptz NOT NULL,
  period_to    timestamptz NOT NULL,
  -- only forward: draft → active → closed (the service refuses a step back)
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  created_by   integer,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, id),
  CHECK (period_from < period_to),
  FOREIGN KEY (area_id, created_by) REFERENCES users (area_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX patrol_plans_area_period ON patrol_plans (area_id, period_from DESC);

CREATE TABLE patrol_targets (
  area_id          integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id               uuid PRIMARY KEY,
  plan_id          uuid NOT NULL,
  position         smallint NOT NULL CHECK (position >= 0),
  name             text CHECK (length(name) BETWEEN 1 AND 200),
  -- H3 cells (int8, one resolution) or a zone; the outline either way
  res              smallint CHECK (res BETWEEN 0 AND 15),
  cells            bigint[],
  zone_id          uuid,
  geom             geometry(MultiPolygon, 4326) NOT NULL,
  -- [{weekdays: [0..6], hours: "18-23"}], checked by the service
  windows          jsonb NOT NULL,
  dwell_minutes    smallint NOT NULL CHECK (dwell_minutes BETWEEN 1 AND 240),
  visits_per_week  smallint NOT NULL CHECK (visits_per_week BETWEEN 0 AND 1000),
  unit             text CHECK (length(unit) BETWEEN 1 AND 100),
  priority         smallint NOT NULL CHECK (priority BETWEEN 1 AND 99),
  -- carried over from a proposal so the briefing can say why and what to look for
  schedule         jsonb,
  reason           text CHECK (length(reason) <= 1000),
  top_categories   jsonb,
  UNIQUE (area_id, id),
  UNIQUE (area_id, plan_id, position),
  CHECK ((cells IS NULL) = (res IS NULL)),
  FOREIGN KEY (area_id, plan_id) REFERENCES patrol_plans (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, zone_id) REFERENCES zones (area_id, id) ON DELETE SET NULL (zone_id)
);
CREATE INDEX patrol_targets_geom ON patrol_targets USING gist (geom);

CREATE TABLE patrol_logs (
  area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  -- client-generated, so a phone retrying a check-out stores one log
  id          uuid PRIMARY KEY,
  plan_id     uuid,
  unit        text NOT NULL CHECK (length(unit) BETWEEN 1 AND 100),
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz NOT NULL,
  -- the walked track (LineString) or the place of a stop (Point)
  geom        geometry(Geometry, 4326) NOT NULL CHECK (GeometryType(geom) IN ('POINT', 'LINESTRING')),
  created_by  integer,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, id),
  CHECK (ended_at >= started_at),
  FOREIGN KEY (area_id, plan_id) REFERENCES patrol_plans (area_id, id) ON DELETE SET NULL (plan_id),
  FOREIGN KEY (area_id, created_by) REFERENCES users (area_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX patrol_logs_area_started ON patrol_logs (area_id, started_at);
CREATE INDEX patrol_logs_geom ON patrol_logs USING gist (geom);

CREATE TABLE promises (
  area_id      integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id           uuid PRIMARY KEY,
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  owner        text NOT NULL CHECK (owner IN ('polis', 'kommun', 'gemensamt')),
  period_from  timestamptz NOT NULL,
  period_to    timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  created_by   integer,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, id),
  CHECK (period_from < period_to),
  FOREIGN KEY (area_id, created_by) REFERENCES users (area_id, id) ON DELETE SET NULL (created_by)
);

CREATE TABLE promise_targets (
  area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id          uuid PRIMARY KEY,
  promise_id  uuid NOT NULL,
  position    smallint NOT NULL CHECK (position >= 0),
  metric      text NOT NULL CHECK (metric IN ('patrol-visits', 'patrol-minutes', 'walks', 'activities')),
  zone_id     uuid,
  -- the zone's name and outline when the target was saved (see the top of this file)
  zone_name   text,
  geom        geometry(MultiPolygon, 4326),
  per         text NOT NULL CHECK (per IN ('week', 'month', 'year')),
  goal        numeric NOT NULL CHECK (goal > 0 AND goal <= 1000000),
  UNIQUE (area_id, id),
  UNIQUE (area_id, promise_id, position),
  FOREIGN KEY (area_id, promise_id) REFERENCES promises (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, zone_id) REFERENCES zones (area_id, id) ON DELETE SET NULL (zone_id)
);

CREATE TABLE promise_activities (
  area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  -- client-generated when given, so a retried post stores one activity
  id          uuid PRIMARY KEY,
  promise_id  uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('skolbesok', 'informationsinsats', 'medborgardialog', 'foraldravandring', 'samverkansmote', 'ovrigt')),
  -- a calendar date in the area's time zone
  date        date NOT NULL,
  zone_id     uuid,
  note        text CHECK (length(note) <= 2000),
  count       integer NOT NULL CHECK (count BETWEEN 1 AND 100000),
  created_by  integer,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, id),
  FOREIGN KEY (area_id, promise_id) REFERENCES promises (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, zone_id) REFERENCES zones (area_id, id) ON DELETE SET NULL (zone_id),
  FOREIGN KEY (area_id, created_by) REFERENCES users (area_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX promise_activities_promise ON promise_activities (area_id, promise_id, date);

GRANT SELECT, INSERT, UPDATE, DELETE ON patrol_plans, patrol_targets, patrol_logs, promises, promise_targets, promise_activities TO tryggkarta_app;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['patrol_plans', 'patrol_targets', 'patrol_logs', 'promises', 'promise_targets', 'promise_activities'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY area_isolation ON %I TO tryggkarta_app USING (area_id = app_area_id()) WITH CHECK (area_id = app_area_id())', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;

-- The public promise page (no login), like public_area_by_code of 0005: it answers only for an
-- area whose admin has switched publicPromises on, and nothing for any other code.
CREATE FUNCTION public_promises_area_by_code(p_code text)
  RETURNS TABLE (id integer, name text, timezone text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.id, a.name, a.timezone
    FROM areas a
    WHERE a.code = p_code AND a.settings @> '{"publicPromises": true}'::jsonb
  $$;

GRANT CREATE ON SCHEMA public TO tryggkarta_auth;
ALTER FUNCTION public_promises_area_by_code(text) OWNER TO tryggkarta_auth;
REVOKE CREATE ON SCHEMA public FROM tryggkarta_auth;
REVOKE ALL ON FUNCTION public_promises_area_by_code(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_promises_area_by_code(text) TO tryggkarta_app;
