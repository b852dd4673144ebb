-- Zones: the area's own named places ("Hamnen", "Östercentrum"), drawn by planners (issue 6 item 1).
-- The lägesbild names its top places after them, and patrol plans and medborgarlöften point at
-- them. Stored as a valid MultiPolygon in WGS 84 (the service repairs what was drawn with
-- ST_MakeValid); names are unique per area regardless of case, so "hamnen" cannot sit beside
-- "Hamnen" in a pick list.

CREATE TABLE zones (
  area_id     integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
  id          uuid PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100 AND name = btrim(name)),
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  created_by  integer,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- lets plans and promises reference (area_id, id), so they can never point into another area
  UNIQUE (area_id, id),
  FOREIGN KEY (area_id, created_by) REFERENCES users (area_id, id) ON DELETE SET NULL (created_by)
);
CREATE UNIQUE INDEX zones_area_name ON zones (area_id, lower(name));
-- "Which zone holds this point": ST_Covers over the geometry index.
CREATE INDEX zones_geom ON zones USING gist (geom);
-- "The nearest zone within 2 km" measures in metres on the spheroid: ST_DWithin and the <->
-- ordering on geography use this index, not the one on geometry (degrees are not metres at 59° N).
CREATE INDEX zones_geog ON zones USING gist ((geom::geography));

ALTER TABLE zones ENABLE ROW LEVEL SECURITY;
ALTER TABLE zones FORCE ROW LEVEL SECURITY;
CREATE POLICY area_isolation ON zones TO tryggkarta_app
  USING (area_id = app_area_id()) WITH CHECK (area_id = app_area_id());
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_all ON zones TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON zones TO tryggkarta_app;
