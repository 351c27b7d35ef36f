package org.passerelle.sms.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedSmsTest {

    @Test
    void oneSegmentIsNotConcatenated() {
        EncodedSms sms = new EncodedSms(SmsEncoding.GSM7, 2, List.of(new byte[] {0x61, 0x62}));

        assertThat(sms.segmentCount()).isEqualTo(1);
        assertThat(sms.concatenated()).isFalse();
    }

    @Test
    void severalSegmentsAreConcatenated() {
        EncodedSms sms = new EncodedSms(SmsEncoding.UCS2, 71, List.of(new byte[140], new byte[14]));

        assertThat(sms.segmentCount()).isEqualTo(2);
        assertThat(sms.concatenated()).isTrue();
    }

    @Test
    void segmentListCannotBeChangedAfterwards() {
        List<byte[]> segments = new ArrayList<>(List.of(new byte[] {0x61}));
        EncodedSms sms = new EncodedSms(SmsEncoding.GSM7, 1, segments);
        segments.add(new byte[] {0x62});

        assertThat(sms.segmentCount()).isEqualTo(1);
        assertThatThrownBy(() -> sms.segments().add(new byte[0])).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anSmsHasAtLeastOneSegmentAndOneUnit() {
        assertThatThrownBy(() -> new EncodedSms(SmsEncoding.GSM7, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncodedSms(SmsEncoding.GSM7, 0, List.of(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EncodedSms(null, 1, List.of(new byte[1])))
                .isInstanceOf(NullPointerException.class);
    }
}
