package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudhopper.commons.charset.GSMCharset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our table against Cloudhopper's GSMCharset, an implementation written independently of ours. */
class GsmAlphabetCrossCheckTest {

    private final GSMCharset cloudhopper = new GSMCharset();

    @Test
    void sameCharactersAreEncodableAcrossTheWholeBasicMultilingualPlane() {
        List<String> disagreements = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String s = String.valueOf((char) c);
            if (GsmAlphabet.isEncodable(s) != GSMCharset.canRepresent(s)) {
                disagreements.add(String.format("U+%04X ours=%s cloudhopper=%s", c, GsmAlphabet.isEncodable(s), GSMCharset.canRepresent(s)));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void sameSeptetsForEveryEncodableCharacter() {
        List<String> disagreements = new ArrayList<>();
        int encodable = 0;
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = String.valueOf((char) c);
            if (Character.isSurrogate((char) c) || !GsmAlphabet.isEncodable(s)) {
                continue;
            }
            encodable++;
            byte[] theirs = cloudhopper.encode(s);
            byte[] ours = GsmAlphabet.toUnpackedSeptets(s);
            if (GsmAlphabet.septetCount(s) != theirs.length || !Arrays.equals(ours, theirs)) {
                disagreements.add(String.format("U+%04X ours=%s cloudhopper=%s", c,
                        Arrays.toString(ours), Arrays.toString(theirs)));
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(encodable).isEqualTo(137);
    }

    @Test
    void sameDecodingOfEveryDefinedCode() {
        List<String> disagreements = new ArrayList<>();
        for (int septet = 0; septet < 128; septet++) {
            if (septet != GsmAlphabet.ESCAPE) {
                compareDecoding(new byte[] {(byte) septet}, disagreements);
            }
        }
        for (int code = 0; code < 128; code++) {
            if (GSMCharset.EXT_CHAR_TABLE.length > code && GSMCharset.EXT_CHAR_TABLE[code] != 0) {
                compareDecoding(new byte[] {GsmAlphabet.ESCAPE, (byte) code}, disagreements);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void sameBytesForRandomTextMixingBothTables() {
        String alphabet = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡AZÄÖÑÜ§¿azäöñüà€[]{}\\^~|\f";
        Random random = new Random(20230612);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(400); i >= 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] ours = GsmAlphabet.toUnpackedSeptets(text.toString());
            assertThat(ours).isEqualTo(cloudhopper.encode(text));
            StringBuilder decoded = new StringBuilder();
            cloudhopper.decode(ours, decoded);
            assertThat(decoded.toString()).isEqualTo(text.toString());
        }
    }

    private void compareDecoding(byte[] septets, List<String> disagreements) {
        StringBuilder theirs = new StringBuilder();
        cloudhopper.decode(septets, theirs);
        String ours = GsmAlphabet.fromUnpackedSeptets(septets);
        if (!ours.equals(theirs.toString())) {
            disagreements.add(Arrays.toString(septets) + " ours=" + ours + " cloudhopper=" + theirs);
        }
    }
}
