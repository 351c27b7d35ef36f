package org.passerelle.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void sha256OfOneValueIsTheStandardDigest() {
        assertThat(Digests.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hmacOfOneValueIsTheStandardMac() { // RFC 4231, test case 2
        SecretKeySpec key = new SecretKeySpec("Jefe".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        assertThat(Digests.hmacSha256Hex(key, "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void partsAreJoinedUnambiguously() {
        assertThat(Digests.sha256Hex(List.of("ab", "c"))).isNotEqualTo(Digests.sha256Hex(List.of("a", "bc")));
        assertThat(Digests.sha256Hex(Arrays.asList("a", null))).isNotEqualTo(Digests.sha256Hex(List.of("a", "")));
        // the stored idempotency fingerprints of payments were made this way: the format must not change
        assertThat(Digests.sha256Hex(List.of("a", "b"))).isEqualTo(Digests.sha256Hex("a\u001fb\u001f"));
    }
}
