-- What the user's last stop or kill asked of the restart policy (NONE, MANUAL, STOPPED).
ALTER TABLE containers ADD COLUMN stop_intent VARCHAR(16) NOT NULL DEFAULT 'NONE';
