-- Gi*, period comparison and the backtest often count every category in a window of days (the
-- lägesbild's 14). The slim (area_id, observed_at) index then costs one heap fetch per report,
-- scattered over the table: measured at 1M reports, a 14-day res-10 count took 450 ms as a bitmap
-- heap scan and 23 ms as an index-only scan of this covering index. It costs imports about what the
-- covering index of 0007 did (~190 ms per 50,000 rows); listing reports by time uses it as before.
-- Index-only scans need the visibility map: PostgreSQL's autovacuum keeps it, PGlite has none.
DROP INDEX reports_area_time;
CREATE INDEX reports_area_time ON reports (area_id, observed_at)
  INCLUDE (h3, severity, category, location_precision, in_analytics, source, organisation_id);
