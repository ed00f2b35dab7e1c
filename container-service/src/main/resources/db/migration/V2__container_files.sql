-- Where the node keeps each container's log, hosts, hostname and resolv.conf files (JSON of
-- berth.v1.ContainerFiles), as docker inspect shows them.
ALTER TABLE containers ADD COLUMN files VARCHAR NOT NULL DEFAULT '{}';
