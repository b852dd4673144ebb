-- Core tables (DESIGN §3). Every user-data table is keyed by area_id first so the schema can be
-- distributed by area (Citus) and so every query is naturally scoped to one area.

CREATE TABLE areas (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  boundary    geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(boundary)),
  timezone    text NOT NULL DEFAULT 'Europe/Stockholm',
  settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organisations (
  area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind        text NOT NULL DEFAULT 'ovrigt',
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, name),
  -- lets child tables reference (area_id, id), so a row can never point into another area
  UNIQUE (area_id, id)
);

CREATE TABLE users (
  area_id          integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email            text NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role             text NOT NULL CHECK (role IN ('reporter', 'walker', 'planner', 'analyst', 'admin')),
  password_hash    text NOT NULL,
  organisation_id  integer,
  disabled_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, id),
  FOREIGN KEY (area_id, organisation_id) REFERENCES organisations (area_id, id)
);

CREATE TABLE api_tokens (
  area_id       integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       integer NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  name          text NOT NULL DEFAULT 'api',
  read_only     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  FOREIGN KEY (area_id, user_id) REFERENCES users (area_id, id) ON DELETE CASCADE
);

CREATE TABLE sessions (
  area_id       integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  -- sha256 of the cookie value: a leaked table does not leak live sessions
  id_hash       text PRIMARY KEY,
  user_id       integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  FOREIGN KEY (area_id, user_id) REFERENCES users (area_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (area_id, user_id);

CREATE TABLE categories (
  area_id   integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  code      text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  kind      text NOT NULL CHECK (kind IN ('report', 'finding')),
  label_sv  text NOT NULL,
  label_en  text NOT NULL,
  "group"   text NOT NULL,
  active    boolean NOT NULL DEFAULT true,
  sort      integer NOT NULL DEFAULT 0,
  PRIMARY KEY (area_id, kind, code)
);

CREATE TABLE reports (
  area_id             integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id                  uuid PRIMARY KEY,
  -- the category code (checked against the area's categories by the service; walk findings use the finding taxonomy)
  category            text NOT NULL,
  observed_at         timestamptz NOT NULL,
  observed_until      timestamptz CHECK (observed_until IS NULL OR observed_until >= observed_at),
  reported_at         timestamptz NOT NULL DEFAULT now(),
  geom                geometry(Point, 4326) NOT NULL,
  -- the res-15 H3 cell as bigint; coarser cells are its bitwise ancestors (DESIGN §4)
  h3                  bigint NOT NULL,
  severity            smallint NOT NULL DEFAULT 1 CHECK (severity BETWEEN 1 AND 3),
  description         text CHECK (length(description) <= 2000),
  organisation_id     integer,
  reporter_id         integer,
  source              text NOT NULL CHECK (source IN ('app', 'import', 'polisen', 'walk')),
  source_type         text,
  external_id         text,
  location_precision  text NOT NULL DEFAULT 'point' CHECK (location_precision IN ('point', 'municipality', 'county')),
  -- police summaries and police-activity events are stored but left out of analytics by default
  in_analytics        boolean NOT NULL DEFAULT true,
  status              text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewed', 'archived')),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, source, external_id),
  FOREIGN KEY (area_id, organisation_id) REFERENCES organisations (area_id, id),
  FOREIGN KEY (area_id, reporter_id) REFERENCES users (area_id, id) ON DELETE SET NULL (reporter_id)
);
-- Hotspot and period queries: time range per area, covering the columns the aggregation reads
-- so PostgreSQL can answer from the index alone.
CREATE INDEX reports_area_time ON reports (area_id, observed_at)
  INCLUDE (h3, category, severity, location_precision, in_analytics, source, organisation_id);
-- "Reports in this hexagon" at any resolution is a range over the res-15 index (DESIGN §4).
CREATE INDEX reports_area_h3 ON reports (area_id, h3);
CREATE INDEX reports_geom ON reports USING gist (geom);
CREATE INDEX reports_area_reporter ON reports (area_id, reporter_id);
