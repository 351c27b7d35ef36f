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
 *
 * <p>A frame longer than {@code maxFrameBytes} is cut: its first {@code maxFrameBytes} bytes are returned,
 * the rest is read and dropped up to its end, which is returned as usual, so camel-mllp's buffer never
 * holds more than the limit and the sender still gets an answer; {@link #takeFrameTooLong()} then tells.
 * What the stream is waiting for (a new frame, or the rest of one) goes to its {@link Activity}, which
 * enforces the idle and read timeouts.
 */
final class FrameAlignedInputStream extends InputStream {

    static final int START_OF_BLOCK = 0x0B;
    static final int END_OF_BLOCK = 0x1C;
    static final int END_OF_DATA = 0x0D;
    /**
     * Stands for a framing byte found inside a frame's content (a {@code 0x0B}, or a {@code 0x1C} not followed by
     * {@code 0x0D}): camel-mllp would otherwise drop the connection without an answer; the intake refuses any
     * message holding it (ASCII SUB, "substitute", is what it is for).
     */
    static final int SUBSTITUTE = 0x1A;

    /** Told what the connection is waiting for; called from the reading thread. */
    interface Activity {
        /** Between frames: waiting for the next one to start (the idle timeout runs). */
        void awaitingFrame();

        /** Inside a frame: bytes arrived (the read timeout runs from now). */
        void frameProgress();

        /** A frame is complete and being handled: no timeout runs until the next read. */
        void frameDone();

        Activity NONE = new Activity() {
            @Override
            public void awaitingFrame() {
            }

            @Override
            public void frameProgress() {
            }

            @Override
            public void frameDone() {
            }
        };
    }

    private enum State { OUTSIDE, INSIDE, AFTER_END_OF_BLOCK, DISCARDING, DISCARDING_AFTER_END_OF_BLOCK }

    private static final byte[] END_OF_FRAME = {END_OF_BLOCK, END_OF_DATA};

    private final InputStream in;
    private final byte[] chunk = new byte[8192];
    private int position;
    private int limit;
    private State state = State.OUTSIDE;
    private boolean awaiting;
    private final AtomicLong discarded;
    private final int maxFrameBytes;
    private final Activity activity;
    private long frameBytes;
    private int pendingEnd = -1; // next byte of END_OF_FRAME to hand out after a cut frame, -1: none
    private boolean frameTooLong;

    FrameAlignedInputStream(InputStream in, AtomicLong discarded) {
        this(in, discarded, Integer.MAX_VALUE, Activity.NONE);
    }

    FrameAlignedInputStream(InputStream in, AtomicLong discarded, int maxFrameBytes, Activity activity) {
        this.in = in;
        this.discarded = discarded;
        this.maxFrameBytes = maxFrameBytes;
        this.activity = activity;
    }

    /** True once if the frame last completed was longer than the limit (and was cut). */
    synchronized boolean takeFrameTooLong() {
        boolean was = frameTooLong;
        frameTooLong = false;
        return was;
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
        int written = 0;
        if (pendingEnd >= 0) {
            while (pendingEnd < END_OF_FRAME.length && written < len) {
                b[off + written++] = END_OF_FRAME[pendingEnd++];
            }
            if (pendingEnd == END_OF_FRAME.length) {
                pendingEnd = -1;
                endOfFrame();
            }
            return written;
        }
        if (state == State.OUTSIDE && !awaiting) {
            awaiting = true;
            activity.awaitingFrame();
        }
        while (true) {
            if (position == limit) {
                int n = in.read(chunk, 0, chunk.length); // may throw SocketTimeoutException: nothing is lost
                if (n < 0) {
                    return -1;
                }
                position = 0;
                limit = n;
                if (state != State.OUTSIDE) {
                    activity.frameProgress();
                }
            }
            while (position < limit && written < len) {
                byte c = chunk[position++];
                switch (state) {
                    case OUTSIDE -> {
                        if (c == START_OF_BLOCK) {
                            b[off + written++] = c;
                            state = State.INSIDE;
                            awaiting = false;
                            frameBytes = 0;
                            activity.frameProgress();
                        } else {
                            discarded.incrementAndGet();
                        }
                    }
                    case INSIDE, AFTER_END_OF_BLOCK -> {
                        if (state == State.AFTER_END_OF_BLOCK) { // the 0x1C seen last is not written yet
                            if (c == END_OF_DATA) {
                                if (len - written >= END_OF_FRAME.length) {
                                    b[off + written++] = END_OF_BLOCK;
                                    b[off + written++] = END_OF_DATA;
                                    endOfFrame();
                                    return written; // one complete frame: the rest stays here for the next read
                                }
                                pendingEnd = 0; // no room: 0x1C 0x0D are handed out by the next read
                                return written > 0 ? written : read(b, off, len);
                            }
                            state = State.INSIDE;
                            if (!keep(b, off + written, (byte) SUBSTITUTE)) {
                                position--; // over the limit: c is read again while discarding
                                continue;
                            }
                            written++;
                            if (written == len) {
                                position--; // c is handled by the next read
                                return written;
                            }
                        }
                        if (c == END_OF_BLOCK) {
                            state = State.AFTER_END_OF_BLOCK;
                            continue;
                        }
                        if (keep(b, off + written, c == START_OF_BLOCK ? (byte) SUBSTITUTE : c)) {
                            written++;
                        }
                    }
                    case DISCARDING, DISCARDING_AFTER_END_OF_BLOCK -> {
                        if (c == END_OF_DATA && state == State.DISCARDING_AFTER_END_OF_BLOCK) {
                            pendingEnd = 0;
                            if (written > 0) {
                                return written;
                            }
                            return read(b, off, len);
                        }
                        state = c == END_OF_BLOCK ? State.DISCARDING_AFTER_END_OF_BLOCK : State.DISCARDING;
                    }
                }
            }
            if (written > 0) {
                return written;
            }
            // only out-of-frame or dropped bytes so far: keep reading
        }
    }

    /** Writes one content byte, or starts discarding when the frame is over the limit; false when not written. */
    private boolean keep(byte[] b, int at, byte c) {
        if (frameBytes >= maxFrameBytes) {
            frameTooLong = true;
            state = State.DISCARDING;
            return false;
        }
        b[at] = c;
        frameBytes++;
        return true;
    }

    private void endOfFrame() {
        state = State.OUTSIDE;
        activity.frameDone();
    }

    @Override
    public synchronized int available() throws IOException {
        if (pendingEnd >= 0) {
            return END_OF_FRAME.length - pendingEnd;
        }
        return limit - position > 0 ? limit - position : Math.min(chunk.length, in.available());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
