-- evolutions_by_creation
-- The newest evolutions (gryt evolution list, status, the dashboard) are read in creation order: without an index
-- that read sorted every evolution, with it it reads only the rows it shows.
CREATE INDEX evolutions_by_creation ON evolutions (created_at, id);
