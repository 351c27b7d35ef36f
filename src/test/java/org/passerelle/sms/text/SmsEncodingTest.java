package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsEncodingTest {

    @Test
    void gsm7IsTheSmscDefaultAlphabet() {
        assertThat(SmsEncoding.GSM7.dataCoding()).isEqualTo((byte) 0x00);
    }

    @Test
    void ucs2IsDataCoding8() {
        assertThat(SmsEncoding.UCS2.dataCoding()).isEqualTo((byte) 0x08);
    }
}
