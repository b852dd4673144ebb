-- Proposal measured by `npm run bench -- --setup-sql scripts/bench/proposals/category-time-index.sql`
-- (not a migration). Hotspot queries filter one area, a few categories and a time window, and read
-- h3, severity, location_precision, in_analytics and, for a map view, geom. With the category
-- before the time, a two-category query reads only those categories' index entries, and every
-- column it needs is in the index (index-only scan, after VACUUM): no heap visits, also for bbox.
CREATE INDEX reports_area_category_time ON reports (area_id, category, observed_at)
  INCLUDE (h3, severity, location_precision, in_analytics, geom);
