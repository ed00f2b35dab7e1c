-- The node's id of a container's latest run (0: never started) and of the run whose exit is
-- recorded (-1: none), so that an exit is matched to its run by id, never by time.
ALTER TABLE containers ADD COLUMN run_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE containers ADD COLUMN exited_run_id BIGINT NOT NULL DEFAULT -1;
