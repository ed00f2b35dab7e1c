-- A running container's place on its network (JSON of berth.v1.NetworkState: address, gateway,
-- published ports), as the node reported it at start; empty while it does not run on one.
ALTER TABLE containers ADD COLUMN network VARCHAR NOT NULL DEFAULT '';
