-- docker network create --attachable: recorded and shown (no effect on a local bridge network).
ALTER TABLE networks ADD COLUMN attachable BOOLEAN NOT NULL DEFAULT FALSE;
