package org.passerelle.scheduling.hl7.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One frame per read, whatever the TCP reads look like. */
class FrameAlignedInputStreamTest {

    /** Returns each chunk in one read, as a socket returns what one TCP read got. */
    private static final class Chunks extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();

        Chunks(String... parts) {
            for (String p : parts) {
                chunks.add(p.getBytes(StandardCharsets.ISO_8859_1));
            }
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (chunks.isEmpty()) {
                return -1;
            }
            byte[] c = chunks.poll();
            int n = Math.min(len, c.length);
            System.arraycopy(c, 0, b, off, n);
            if (n < c.length) {
                byte[] rest = new byte[c.length - n];
                System.arraycopy(c, n, rest, 0, rest.length);
                chunks.push(rest);
            }
            return n;
        }
    }

    private static String frame(String message) {
        return "\u000b" + message + "\u001c\r";
    }

    private static String readOnce(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer, 0, buffer.length);
        return n < 0 ? null : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void twoFramesInOneTcpReadComeOutOneRead_each() throws IOException {
        AtomicLong discarded = new AtomicLong();
        InputStream in = new FrameAlignedInputStream(new Chunks(frame("MSH|one") + frame("MSH|two")), discarded);

        assertThat(readOnce(in)).isEqualTo(frame("MSH|one"));
        assertThat(readOnce(in)).isEqualTo(frame("MSH|two"));
        assertThat(readOnce(in)).isNull();
        assertThat(discarded).hasValue(0);
    }

    @Test
    void bytesOutsideFramesAreDroppedAndCounted() throws IOException {
        AtomicLong discarded = new AtomicLong();
        InputStream in = new FrameAlignedInputStream(
                new Chunks("junk" + frame("MSH|one") + "\r\n", "more junk", frame("MSH|two")), discarded);

        assertThat(readOnce(in)).isEqualTo(frame("MSH|one"));
        assertThat(readOnce(in)).isEqualTo(frame("MSH|two"));
        assertThat(discarded).hasValue(4 + 2 + 9);
    }

    @Test
    void aFrameSplitAcrossReadsIsPassedOnAsItArrives() throws IOException {
        InputStream in = new FrameAlignedInputStream(
                new Chunks("\u000bMSH|o", "ne\u001c", "\r\u000bMSH|tw", "o\u001c\r"), new AtomicLong());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        String part;
        while ((part = readOnce(in)) != null) {
            assertThat(part.indexOf("\u001c\r")).as("a read never goes past the end of a frame")
                    .isIn(-1, part.length() - 2);
            all.writeBytes(part.getBytes(StandardCharsets.ISO_8859_1));
        }
        assertThat(all.toString(StandardCharsets.ISO_8859_1)).isEqualTo(frame("MSH|one") + frame("MSH|two"));
    }

    @Test
    void anEndOfBlockWithoutCarriageReturnDoesNotEndTheFrameAndComesOutAsSubstitute() throws IOException {
        InputStream in = new FrameAlignedInputStream(new Chunks("\u000bMSH|a\u001cb\u001c\u001c\r" + frame("MSH|next")),
                new AtomicLong());

        assertThat(readOnce(in)).isEqualTo("\u000bMSH|a\u001ab\u001a\u001c\r");
        assertThat(readOnce(in)).isEqualTo(frame("MSH|next"));
    }

    @Test
    void aStartOfBlockInsideAFrameComesOutAsSubstituteSoTheIntakeCanRefuseIt() throws IOException {
        InputStream in = new FrameAlignedInputStream(new Chunks("\u000bMSH|a\u000bb", "\u001c", "\r" + frame("MSH|next")),
                new AtomicLong());
        StringBuilder first = new StringBuilder();
        while (!first.toString().endsWith("\u001c\r")) {
            first.append(readOnce(in));
        }
        assertThat(first.toString()).isEqualTo("\u000bMSH|a\u001ab\u001c\r");
        assertThat(readOnce(in)).isEqualTo(frame("MSH|next"));
    }

    @Test
    void aFrameEndSplitOverTheCallersBufferIsHandedOutWhole() throws IOException {
        InputStream in = new FrameAlignedInputStream(new Chunks(frame("MSH|one") + frame("MSH|two")), new AtomicLong());
        byte[] small = new byte[8]; // 0x0B MSH|one = 8 bytes: the end must come in the next read
        StringBuilder out = new StringBuilder();
        while (!out.toString().endsWith("two\u001c\r")) {
            int n = in.read(small, 0, small.length);
            out.append(new String(small, 0, n, StandardCharsets.ISO_8859_1));
        }
        assertThat(out.toString()).isEqualTo(frame("MSH|one") + frame("MSH|two"));
    }

    @Test
    void aFrameOverTheLimitIsCutItsRestDroppedAndItsEndStillDelivered() throws IOException {
        FrameAlignedInputStream in = new FrameAlignedInputStream(
                new Chunks("\u000bMSH|abc", "defghij\u001c", "\r" + frame("MSH|x")), new AtomicLong(), 6,
                FrameAlignedInputStream.Activity.NONE);

        StringBuilder first = new StringBuilder();
        while (!first.toString().endsWith("\u001c\r")) {
            first.append(readOnce(in));
        }
        assertThat(first.toString()).isEqualTo("\u000bMSH|ab\u001c\r");
        assertThat(in.takeFrameTooLong()).isTrue();
        assertThat(in.takeFrameTooLong()).isFalse();

        assertThat(readOnce(in)).isEqualTo(frame("MSH|x"));
        assertThat(in.takeFrameTooLong()).isFalse();
    }
}
