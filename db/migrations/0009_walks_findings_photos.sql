-- Safety walks (trygghetsvandringar), their findings and photos (issue 5).
--
-- A walk is planned, walked (its GPS track recorded point by point) and followed up: each finding
-- gets a responsible owner, a deadline and a status whose every change is kept in finding_events.
-- A re-walk months later checks the unfinished findings (walk_checks). Every finding is mirrored
-- as a row in reports with source 'walk' and the same id, so the hotspot and analytics SQL counts
-- findings (with sources=walk) without a second code path; the service writes both in one
-- transaction, and the foreign key and trigger below keep them from drifting apart.
-- Photos of reports and findings are stored in the database (bytea) so that nothing depends on a
-- local disk and both backends behave alike.

CREATE TABLE walks (
  area_id        integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  -- client-generated, so a phone can retry a create without making a second walk
  id             uuid PRIMARY KEY,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  planned_at     timestamptz NOT NULL,
  planned_route  geometry(LineString, 4326),
  notes          text CHECK (length(notes) <= 10000),
  status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ongoing', 'done')),
  started_at     timestamptz,
  ended_at       timestamptz,
  -- who walks it and may change it (a walker); planners and admins may change any walk
  leader_id      integer,
  created_by     integer,
  -- the walk this one re-walks, carrying its unfinished findings (walk_checks)
  rewalk_of      uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, id),
  CHECK (status = 'planned' OR started_at IS NOT NULL),
  CHECK (status <> 'done' OR ended_at IS NOT NULL),
  FOREIGN KEY (area_id, leader_id) REFERENCES users (area_id, id) ON DELETE SET NULL (leader_id),
  FOREIGN KEY (area_id, created_by) REFERENCES users (area_id, id) ON DELETE SET NULL (created_by),
  FOREIGN KEY (area_id, rewalk_of) REFERENCES walks (area_id, id) ON DELETE SET NULL (rewalk_of)
);
-- GET /walks: newest first, paged by (planned_at, id).
CREATE INDEX walks_area_planned ON walks (area_id, planned_at DESC, id DESC);

CREATE TABLE walk_participants (
  area_id          integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  walk_id          uuid NOT NULL,
  position         smallint NOT NULL CHECK (position >= 0),
  organisation_id  integer,
  name             text CHECK (length(name) BETWEEN 1 AND 200),
  PRIMARY KEY (area_id, walk_id, position),
  CHECK (organisation_id IS NOT NULL OR name IS NOT NULL),
  FOREIGN KEY (area_id, walk_id) REFERENCES walks (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, organisation_id) REFERENCES organisations (area_id, id)
);

-- The recorded route, one row per GPS fix. A fix is identified by its time, so a phone that
-- re-sends a batch after a lost answer adds nothing twice.
CREATE TABLE walk_track_points (
  area_id      integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  walk_id      uuid NOT NULL,
  recorded_at  timestamptz NOT NULL,
  geom         geometry(Point, 4326) NOT NULL,
  accuracy_m   real CHECK (accuracy_m >= 0),
  PRIMARY KEY (area_id, walk_id, recorded_at),
  FOREIGN KEY (area_id, walk_id) REFERENCES walks (area_id, id) ON DELETE CASCADE
);

CREATE TABLE findings (
  area_id           integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  -- the same id as its mirror row in reports (source 'walk'); deleting that row deletes this one
  id                uuid PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
  walk_id           uuid NOT NULL,
  -- a code of the area's finding taxonomy (categories.kind = 'finding'; checked by the service)
  category          text NOT NULL,
  geom              geometry(Point, 4326) NOT NULL,
  -- 1 = most urgent
  priority          smallint NOT NULL CHECK (priority BETWEEN 1 AND 3),
  description       text CHECK (length(description) <= 2000),
  proposed_fix      text CHECK (length(proposed_fix) <= 2000),
  responsible       text NOT NULL CHECK (responsible IN ('kommun', 'fastighetsagare', 'trafikverket', 'polis', 'annan')),
  responsible_name  text CHECK (length(responsible_name) BETWEEN 1 AND 200),
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'planned', 'fixed', 'wont-fix')),
  -- who agreed to act on it (a person or unit of the responsible party, often not a user here)
  owner             text CHECK (length(owner) BETWEEN 1 AND 200),
  -- a calendar date in the area's time zone: overdue once that day has passed there
  due_date          date,
  observed_at       timestamptz NOT NULL,
  created_by        integer,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, id),
  FOREIGN KEY (area_id, walk_id) REFERENCES walks (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, created_by) REFERENCES users (area_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX findings_area_walk ON findings (area_id, walk_id);
CREATE INDEX findings_area_status ON findings (area_id, status, due_date);
CREATE INDEX findings_geom ON findings USING gist (geom);

-- A finding leaves with its mirror: whichever of the two goes first (a walk deleted with its
-- findings, or the report row), the other follows in the same statement.
CREATE FUNCTION findings_delete_mirror() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    DELETE FROM reports WHERE area_id = OLD.area_id AND id = OLD.id AND source = 'walk';
    RETURN OLD;
  END
  $$;
CREATE TRIGGER findings_delete_mirror AFTER DELETE ON findings
  FOR EACH ROW EXECUTE FUNCTION findings_delete_mirror();

-- Every change of a finding (status, owner, deadline, comment, corrections), append-only for the
-- service: the follow-up meeting must be able to see who promised what, and when.
CREATE TABLE finding_events (
  area_id      integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  finding_id   uuid NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  user_id      integer,
  action       text NOT NULL CHECK (action IN ('created', 'updated', 'checked')),
  from_status  text,
  to_status    text,
  owner        text,
  due_date     date,
  comment      text CHECK (length(comment) <= 2000),
  -- the fields the change touched, {"field": [before, after]}
  changes      jsonb,
  -- the re-walk on which the finding was checked (action 'checked')
  walk_id      uuid,
  PRIMARY KEY (area_id, id),
  FOREIGN KEY (area_id, finding_id) REFERENCES findings (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, user_id) REFERENCES users (area_id, id) ON DELETE SET NULL (user_id)
);
CREATE INDEX finding_events_finding ON finding_events (area_id, finding_id, id);

-- The unfinished findings a re-walk checks, and what the walk found.
CREATE TABLE walk_checks (
  area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  walk_id     uuid NOT NULL,
  finding_id  uuid NOT NULL,
  result      text CHECK (result IN ('fixed', 'not-fixed')),
  checked_at  timestamptz,
  checked_by  integer,
  PRIMARY KEY (area_id, walk_id, finding_id),
  FOREIGN KEY (area_id, walk_id) REFERENCES walks (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, finding_id) REFERENCES findings (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, checked_by) REFERENCES users (area_id, id) ON DELETE SET NULL (checked_by)
);
CREATE INDEX walk_checks_finding ON walk_checks (area_id, finding_id);

CREATE TABLE photos (
  area_id          integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  -- client-generated when given (?id=), so a retried upload stores one photo
  id               uuid PRIMARY KEY,
  report_id        uuid REFERENCES reports (id) ON DELETE CASCADE,
  finding_id       uuid,
  uploaded_by      integer,
  created_at       timestamptz NOT NULL DEFAULT now(),
  content_type     text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  width            integer NOT NULL CHECK (width > 0),
  height           integer NOT NULL CHECK (height > 0),
  image            bytea NOT NULL,
  thumb_width      integer NOT NULL CHECK (thumb_width > 0),
  thumb_height     integer NOT NULL CHECK (thumb_height > 0),
  thumb            bytea NOT NULL,
  -- what was uploaded, so a retry with the same id can be told from different content
  original_sha256  text NOT NULL CHECK (original_sha256 ~ '^[0-9a-f]{64}$'),
  original_bytes   integer NOT NULL,
  kept_location    boolean NOT NULL DEFAULT false,
  CHECK (num_nonnulls(report_id, finding_id) = 1),
  FOREIGN KEY (area_id, finding_id) REFERENCES findings (area_id, id) ON DELETE CASCADE,
  FOREIGN KEY (area_id, uploaded_by) REFERENCES users (area_id, id) ON DELETE SET NULL (uploaded_by)
);
CREATE INDEX photos_report ON photos (area_id, report_id) WHERE report_id IS NOT NULL;
CREATE INDEX photos_finding ON photos (area_id, finding_id) WHERE finding_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON walks, walk_participants, walk_track_points, findings, walk_checks, photos TO tryggkarta_app;
GRANT SELECT, INSERT ON finding_events TO tryggkarta_app;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['walks', 'walk_participants', 'walk_track_points', 'findings', 'finding_events', 'walk_checks', 'photos'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY area_isolation ON %I TO tryggkarta_app USING (area_id = app_area_id()) WITH CHECK (area_id = app_area_id())', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
