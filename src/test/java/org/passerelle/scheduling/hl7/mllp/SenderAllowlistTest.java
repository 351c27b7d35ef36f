package org.passerelle.scheduling.hl7.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SenderAllowlistTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void addressesAndBlocksOfBothFamiliesMatchBitForBit() throws Exception {
        SenderAllowlist list = SenderAllowlist.of(List.of("10.1.0.0/16", "192.168.1.20", "fd00::/8", "172.16.0.0/12"));

        assertThat(list.accepts(ip("10.1.255.3"))).isTrue();
        assertThat(list.accepts(ip("10.2.0.1"))).isFalse();
        assertThat(list.accepts(ip("192.168.1.20"))).isTrue();
        assertThat(list.accepts(ip("192.168.1.21"))).isFalse();
        assertThat(list.accepts(ip("172.31.255.255"))).isTrue();
        assertThat(list.accepts(ip("172.32.0.0"))).isFalse();
        assertThat(list.accepts(ip("fd12:3456::1"))).isTrue();
        assertThat(list.accepts(ip("fe80::1"))).isFalse();
        assertThat(list.accepts(ip("::ffff:10.1.2.3"))).isTrue(); // IPv4-mapped: matched as IPv4
        assertThat(list.accepts(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void emptyAcceptsEveryone() throws Exception {
        assertThat(SenderAllowlist.of(List.of()).accepts(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void onlyIpLiteralsAndCidrBlocksAreEntriesNeverHostNames() {
        assertThat(SenderAllowlist.isEntry("10.0.0.0/8")).isTrue();
        assertThat(SenderAllowlist.isEntry("::1")).isTrue();
        assertThat(SenderAllowlist.isEntry("0.0.0.0/0")).isTrue();
        assertThat(SenderAllowlist.isEntry("10.0.0.0/33")).isFalse();
        assertThat(SenderAllowlist.isEntry("fd00::/129")).isFalse();
        assertThat(SenderAllowlist.isEntry("256.1.1.1")).isFalse();
        assertThat(SenderAllowlist.isEntry("dxcare.chu.local")).isFalse();
        assertThat(SenderAllowlist.isEntry("10.0.0.0/x")).isFalse();
        assertThat(SenderAllowlist.isAddress("127.0.0.1")).isTrue();
        assertThat(SenderAllowlist.isAddress("localhost")).isFalse();
        assertThatThrownBy(() -> SenderAllowlist.of(List.of("10.0.0.0/8", "nope")))
                .hasMessageContaining("nope");
    }
}
