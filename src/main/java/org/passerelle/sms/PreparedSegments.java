package org.passerelle.sms;

import java.util.List;
import org.apache.camel.component.smpp.SmppSplitter;

/**
 * Hands camel-smpp the segments we encoded ourselves (GSM-7 septets or UCS-2, with our concatenation
 * header), so its own splitter, which counts Java chars and shares one JVM-wide reference, is not used.
 */
final class PreparedSegments extends SmppSplitter {

    private final byte[][] segments;

    PreparedSegments(List<byte[]> segments) {
        super(segments.stream().mapToInt(s -> s.length).sum(), 140, 0);
        this.segments = segments.toArray(byte[][]::new);
    }

    @Override
    public byte[][] split(byte[] ignored) {
        return segments.clone();
    }
}
