package org.passerelle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.passerelle.testsupport.terminal.CarelessCard;

/** The card-data scan finds each planted value in each form, and stays quiet on what Passerelle does store. */
class CardDataScanTest {

    @ParameterizedTest
    @ValueSource(strings = {CarelessCard.PAN, "4111 1111 1111 1111", "ref 4111.1111.1111.1111 x", "4111_1111:1111#1111",
            "4111-1111/1111 1111", CarelessCard.TRACK2, CarelessCard.TRACK1, "…" + CarelessCard.TRACK_DISCRETIONARY,
            "expires " + CarelessCard.EXPIRY_MM_YY, "ExpiryDate " + CarelessCard.EXPIRY_YYMM, "exp=" + CarelessCard.EXPIRY_MMYY,
            "12 / 2028", "cvv " + CarelessCard.CVV, "{\"SensitiveCardData\":{}}", "cvc=1", CarelessCard.ADDITIONAL_RESPONSE})
    void aPlantedValueIsFound(String planted) {
        assertThat(CardDataScan.inValue("cell", planted)).as(planted).isNotEmpty();
        assertThat(CardDataScan.inLog("2026-04-12T12:28:33.123+02:00  INFO 2812 --- [main] o.p.X : " + planted))
                .as(planted).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"411111******1111", "3f9c2a7e-7370-4b1e-9d2c-12a8b0c4e737", "2026-04-12T12:28:33.737Z", "FAC-2026-004211",
            "POI-1228x", "refund of 7370 asked", "2026-12-28T10:00:00Z",
            "9b1d4c07-2812-4e5a-8c3f-0a1b2c3d4e5f", "5e0c9d8a-1228-4b7c-a1d2-737a0b1c2d3e"})
    void whatPasserelleStoresIsNotCardData(String stored) {
        assertThat(CardDataScan.inValue("cell", stored)).as(stored).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-04-12T12:28:33.737+02:00  INFO 2812 --- [main] o.p.X : Started in 2.737 seconds",
            "2026-04-12T12:28:33.123+02:00  WARN 1228 --- [main] o.p.X : Payment 3f9c2a7e flagged for a human",
            "2026-04-12T12:28:33.123+02:00  INFO 77 --- [main] o.p.X : Payment 9b1d4c07-2812-4e5a-8c3f-0a1b2c3d4e5f approved",
            "2026-04-12T12:28:33.123+02:00  INFO 77 --- [main] o.s.b.w.e.t.TomcatWebServer : initialization completed in 2812 ms",
            "2026-04-12T12:28:33.123+02:00  INFO 77 --- [main] o.p.X : heap 1228 MiB, flushed 2812 bytes in 1228ms"})
    void aLogLinePrefixOrATimingIsNotCardData(String line) {
        assertThat(CardDataScan.inLog(line)).as(line).isEmpty();
    }
}
