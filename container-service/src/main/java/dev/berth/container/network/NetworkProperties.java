package dev.berth.container.network;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code berth.container.networks.*}: where user-defined networks take their subnets from when
 * {@code --subnet} is not given.
 *
 * @param pools address pools, in order; each is cut into subnets of its {@code size} (a prefix
 *              length), and a network gets the first that overlaps no other network and no route
 *              of this host. The defaults leave out 172.17/16 (Docker's docker0) and the node's
 *              default-bridge pools (172.29-31/16, 10.231/16).
 */
@ConfigurationProperties("berth.container.networks")
public record NetworkProperties(List<Pool> pools) {

    public NetworkProperties {
        if (pools == null || pools.isEmpty()) {
            pools = List.of(new Pool("172.18.0.0/15", 16), new Pool("172.20.0.0/14", 16),
                    new Pool("172.24.0.0/14", 16), new Pool("172.28.0.0/16", 16), new Pool("192.168.0.0/16", 20));
        }
        pools = List.copyOf(pools);
    }

    /**
     * @param base a CIDR, such as 172.20.0.0/14
     * @param size the prefix length of the subnets cut from it, such as 16
     */
    public record Pool(String base, int size) {
    }
}
