-- Volumes of the local driver. labels and options are JSON objects; mountpoint is the data
-- directory on node_id, where the volume lives.
CREATE TABLE volumes (
    name       VARCHAR(255) PRIMARY KEY,
    driver     VARCHAR(32) NOT NULL,
    labels     VARCHAR NOT NULL,
    options    VARCHAR NOT NULL,
    mountpoint VARCHAR(4096) NOT NULL,
    anonymous  BOOLEAN NOT NULL,
    node_id    VARCHAR(255) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT
);
