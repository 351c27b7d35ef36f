package org.passerelle.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A raw MLLP peer over a plain socket: frames 0x0B message 0x1C 0x0D, reads ACK frames back. */
public final class MllpClient implements AutoCloseable {

    public static final byte VT = 0x0B;
    public static final byte FS = 0x1C;
    public static final byte CR = 0x0D;
    /** camel-mllp's default charset when MSH-18 is empty. */
    public static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpClient(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over a socket already connected (e.g. a TLS socket). */
    public MllpClient(Socket connected) {
        try {
            socket = connected;
            socket.setSoTimeout(15_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] frame(String message) {
        byte[] payload = message.getBytes(CHARSET);
        byte[] framed = new byte[payload.length + 3];
        framed[0] = VT;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = FS;
        framed[framed.length - 1] = CR;
        return framed;
    }

    /** Sends one framed message and waits for its ACK. */
    public String send(String message) {
        write(frame(message));
        return readAck();
    }

    /** Writes raw bytes in one write call (one TCP segment for small payloads with TCP_NODELAY). */
    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one ACK frame; the payload without framing. */
    public String readAck() {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != VT) {
                if (b < 0) {
                    throw new IOException("connection closed before an ACK arrived");
                }
            }
            int previous = -1;
            while ((b = in.read()) >= 0) {
                if (previous == FS && b == CR) {
                    byte[] bytes = payload.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, CHARSET);
                }
                payload.write(b);
                previous = b;
            }
            throw new IOException("connection closed inside an ACK frame");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server closed or reset the connection (read end of stream or a reset). */
    public boolean awaitClosedByPeer(java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            socket.setSoTimeout(250);
            while (System.nanoTime() < deadline) {
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // keep waiting
                }
            }
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test teardown
        }
    }
}
