-- GIN's fast-update pending list is merged only by (auto)vacuum: PGlite has no autovacuum, and a bulk import
-- leaves every new version in the list, where each search scans it row by row and the planner, rightly, prefers a
-- sequential scan. The catalog is read far more than written, so entries go into the index at once instead.
ALTER INDEX catalog.item_versions_search_idx SET (fastupdate = off);
ALTER INDEX catalog.item_versions_names_trgm_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('catalog.item_versions_search_idx');
SELECT gin_clean_pending_list('catalog.item_versions_names_trgm_idx');
