-- PostGIS provides geometry, ST_Transform (SWEREF 99 / RT 90 imports) and the spatial indexes.
CREATE EXTENSION IF NOT EXISTS postgis;
