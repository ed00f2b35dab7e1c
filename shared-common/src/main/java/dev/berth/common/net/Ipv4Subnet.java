package dev.berth.common.net;

/** An IPv4 prefix such as 172.31.0.0/16, its address held as an unsigned 32-bit number. */
public record Ipv4Subnet(long network, int prefixLength) {

    public Ipv4Subnet {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("bad prefix length " + prefixLength);
        }
        network = network & mask(prefixLength);
    }

    public static Ipv4Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a subnet: " + cidr);
        }
        return new Ipv4Subnet(address(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    public static long address(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        long value = 0;
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    public static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    }

    public boolean overlaps(Ipv4Subnet other) {
        int shorter = Math.min(prefixLength, other.prefixLength);
        return (network & mask(shorter)) == (other.network & mask(shorter));
    }

    /** Whether the address (dotted) lies in this subnet. */
    public boolean contains(String dotted) {
        return (address(dotted) & mask(prefixLength)) == network;
    }

    /** The first host address, the bridge's own (Docker's gateway). */
    public String gateway() {
        return dotted(network + 1);
    }

    public static String dotted(long value) {
        return (value >> 24 & 255) + "." + (value >> 16 & 255) + "." + (value >> 8 & 255) + "." + (value & 255);
    }

    @Override
    public String toString() {
        return dotted(network) + "/" + prefixLength;
    }
}
