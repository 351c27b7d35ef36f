package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postgresql.PGNotification;
import org.postgresql.core.Notification;

/**
 * What a woken replica makes of the NOTIFY payloads: the newest announced revision decides whether it reads the
 * state at all, and a payload it cannot read (an older replica's empty one, during a rolling upgrade) still makes
 * it read.
 */
class ControlPlaneNotificationPayloadTest {

    @Test
    void theNewestAnnouncedRevisionCounts() {
        assertThat(ControlPlaneWakeUp.newestRevision(heard("41", "43", "42"))).isEqualTo(43);
    }

    @Test
    void aPayloadWithoutRevisionCountsAsNewerThanAnything() {
        assertThat(ControlPlaneWakeUp.newestRevision(heard("41", ""))).isEqualTo(Long.MAX_VALUE);
        assertThat(ControlPlaneWakeUp.newestRevision(heard((String) null))).isEqualTo(Long.MAX_VALUE);
    }

    private static PGNotification[] heard(String... payloads) {
        PGNotification[] heard = new PGNotification[payloads.length];
        for (int i = 0; i < payloads.length; i++) {
            heard[i] = new Notification(ControlPlaneWakeUp.CHANNEL, 1, payloads[i]);
        }
        return heard;
    }
}
