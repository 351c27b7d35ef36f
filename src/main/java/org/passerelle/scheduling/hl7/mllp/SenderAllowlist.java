package org.passerelle.scheduling.hl7.mllp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sender addresses an MLLP listener accepts: IP addresses and CIDR blocks, IPv4 or IPv6. Empty accepts
 * every address. Entries are IP literals only, never host names (no DNS lookup, at start-up or on accept).
 * An IPv4 sender connecting over IPv6 as an IPv4-mapped address ({@code ::ffff:10.1.2.3}) is matched as IPv4.
 */
public final class SenderAllowlist {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private SenderAllowlist(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** @throws IllegalArgumentException naming the first entry that is neither an IP address nor a CIDR block */
    public static SenderAllowlist of(List<String> entries) {
        return new SenderAllowlist(entries.stream().map(e -> block(e).orElseThrow(
                () -> new IllegalArgumentException("not an IP address or CIDR block: " + e))).toList());
    }

    /** True for an IPv4 or IPv6 address literal. */
    public static boolean isAddress(String text) {
        return literal(text).isPresent();
    }

    /** True for an address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}). */
    public static boolean isEntry(String text) {
        return text != null && block(text).isPresent();
    }

    public boolean acceptsEveryone() {
        return blocks.isEmpty();
    }

    public boolean accepts(InetAddress sender) {
        if (blocks.isEmpty()) {
            return true;
        }
        if (sender == null) {
            return false;
        }
        byte[] address = unmapped(sender.getAddress());
        return blocks.stream().anyMatch(b -> b.contains(address));
    }

    private static Optional<Block> block(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        Optional<byte[]> address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] network = unmapped(address.get());
        int bits = network.length * 8;
        if (slash < 0) {
            return Optional.of(new Block(network, bits));
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
            return Optional.empty();
        }
        return Optional.of(new Block(network, Integer.parseInt(prefix)));
    }

    private static Optional<byte[]> literal(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        if (!IPV4.matcher(t).matches() && !(t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+"))) {
            return Optional.empty(); // anything else could make InetAddress look a name up
        }
        try {
            return Optional.of(InetAddress.getByName(t).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) as their IPv4 bytes. */
    private static byte[] unmapped(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xFF && address[11] == (byte) 0xFF) {
                return new byte[] {address[12], address[13], address[14], address[15]};
            }
        }
        return address;
    }
}
