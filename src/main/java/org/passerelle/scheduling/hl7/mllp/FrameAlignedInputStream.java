package org.passerelle.scheduling.hl7.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands camel-mllp at most one MLLP frame per {@code read}: bytes up to and including the end of a frame
 * ({@code 0x1C 0x0D}) are returned, the rest waits here for the next call. Bytes outside any frame
 * (before a {@code 0x0B}) are dropped and only counted.
 *
 * <p>Why: camel-mllp 4.17 (CAMEL-24668) keeps only the first frame of a socket read and throws away
 * whatever follows it, so a sender that pipelines several messages in one TCP write loses all but the
 * first (and then waits for ACKs that never come). Its read buffer never sees more than one frame
 * through this stream. Dropping out-of-frame bytes here also keeps them out of camel-mllp's warnings,
 * which print received bytes verbatim whatever {@code logPhi} says.
 */
final class FrameAlignedInputStream extends InputStream {

    static final int START_OF_BLOCK = 0x0B;
    static final int END_OF_BLOCK = 0x1C;
    static final int END_OF_DATA = 0x0D;

    private enum State { OUTSIDE, INSIDE, AFTER_END_OF_BLOCK }

    private final InputStream in;
    private final byte[] chunk = new byte[8192];
    private int position;
    private int limit;
    private State state = State.OUTSIDE;
    private final AtomicLong discarded;

    FrameAlignedInputStream(InputStream in, AtomicLong discarded) {
        this.in = in;
        this.discarded = discarded;
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Blocks (within the socket's timeout) until at least one byte of a frame is available; returns at
     * most up to the end of the current frame.
     */
    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (position == limit) {
                int n = in.read(chunk, 0, chunk.length); // may throw SocketTimeoutException: nothing is lost
                if (n < 0) {
                    return -1;
                }
                position = 0;
                limit = n;
            }
            int written = 0;
            while (position < limit && written < len) {
                byte c = chunk[position];
                switch (state) {
                    case OUTSIDE -> {
                        position++;
                        if (c == START_OF_BLOCK) {
                            b[off + written++] = c;
                            state = State.INSIDE;
                        } else {
                            discarded.incrementAndGet();
                        }
                    }
                    case INSIDE -> {
                        position++;
                        b[off + written++] = c;
                        if (c == END_OF_BLOCK) {
                            state = State.AFTER_END_OF_BLOCK;
                        }
                    }
                    case AFTER_END_OF_BLOCK -> {
                        position++;
                        b[off + written++] = c;
                        if (c == END_OF_DATA) {
                            state = State.OUTSIDE;
                            return written; // one complete frame: the rest stays here for the next read
                        }
                        state = c == END_OF_BLOCK ? State.AFTER_END_OF_BLOCK : State.INSIDE;
                    }
                }
            }
            if (written > 0) {
                return written;
            }
            // only out-of-frame bytes so far: keep reading
        }
    }

    @Override
    public synchronized int available() throws IOException {
        return limit - position > 0 ? limit - position : in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
