package dev.berth.container.network;

import java.util.List;

import dev.berth.common.error.BerthException;
import dev.berth.common.net.Ipv4Subnet;

/**
 * The subnet and gateway of a new network: the ones asked for, checked as Docker checks them, or
 * the first free subnet of the pools. {@code taken} are the other networks' subnets and the host's
 * routes.
 */
final class SubnetPlanner {

    /** A network's addressing: CIDR and gateway, dotted. */
    record Plan(String subnet, String gateway) {
    }

    private SubnetPlanner() {
    }

    static Plan plan(String subnet, String gateway, List<NetworkProperties.Pool> pools, List<Ipv4Subnet> networks,
            List<Ipv4Subnet> routes) {
        if (subnet.isEmpty()) {
            if (!gateway.isEmpty()) {
                throw BerthException.invalid("no matching subnet for gateway " + gateway);
            }
            Ipv4Subnet free = firstFree(pools, networks, routes);
            return new Plan(free.toString(), free.gateway());
        }
        Ipv4Subnet asked = parse(subnet);
        if (asked.prefixLength() > 30) {
            throw BerthException.invalid("invalid subnet " + subnet + ": a network needs room for a gateway and a container");
        }
        if (networks.stream().anyMatch(asked::overlaps)) {
            throw BerthException.forbidden("Pool overlaps with other one on this address space");
        }
        if (gateway.isEmpty()) {
            return new Plan(asked.toString(), asked.gateway());
        }
        if (!isAddress(gateway) || !asked.contains(gateway)) {
            throw BerthException.invalid("no matching subnet for gateway " + gateway);
        }
        return new Plan(asked.toString(), gateway);
    }

    private static Ipv4Subnet firstFree(List<NetworkProperties.Pool> pools, List<Ipv4Subnet> networks,
            List<Ipv4Subnet> routes) {
        for (NetworkProperties.Pool pool : pools) {
            Ipv4Subnet base = Ipv4Subnet.parse(pool.base());
            int size = Math.max(pool.size(), base.prefixLength());
            long step = 1L << (32 - size);
            long count = 1L << (size - base.prefixLength());
            for (long i = 0; i < count; i++) {
                Ipv4Subnet candidate = new Ipv4Subnet(base.network() + i * step, size);
                if (networks.stream().noneMatch(candidate::overlaps) && routes.stream().noneMatch(candidate::overlaps)) {
                    return candidate;
                }
            }
        }
        throw BerthException.invalid("could not find an available, non-overlapping IPv4 address pool among the defaults "
                + "to assign to the network");
    }

    private static Ipv4Subnet parse(String subnet) {
        try {
            return Ipv4Subnet.parse(subnet);
        } catch (IllegalArgumentException e) {
            if (subnet.contains(":")) {
                throw BerthException.invalid("Berth does not support IPv6 networks yet: --subnet " + subnet);
            }
            throw BerthException.invalid("invalid CIDR address: " + subnet);
        }
    }

    private static boolean isAddress(String dotted) {
        try {
            Ipv4Subnet.address(dotted);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
