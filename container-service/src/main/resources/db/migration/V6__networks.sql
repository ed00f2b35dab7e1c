-- Networks: the built-in bridge, host and none (made at first start) and user-defined bridge
-- networks. labels and options are JSON objects; subnet and gateway empty where the node chooses.
CREATE TABLE networks (
    id         VARCHAR(64) PRIMARY KEY,
    name       VARCHAR(255) NOT NULL,
    driver     VARCHAR(32) NOT NULL,
    subnet     VARCHAR(64) NOT NULL,
    gateway    VARCHAR(64) NOT NULL,
    labels     VARCHAR NOT NULL,
    options    VARCHAR NOT NULL,
    builtin    BOOLEAN NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT
);

CREATE UNIQUE INDEX networks_name_idx ON networks (name);
