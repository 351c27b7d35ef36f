package org.passerelle.scheduling.hl7.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An accepted MLLP connection whose input is read through a {@link FrameAlignedInputStream}; every
 * other call goes to the real socket. camel-mllp only ever uses the socket through this class.
 * (With TLS the wrapped socket is no longer an {@code SSLSocket} for camel-mllp, which then skips its
 * client-certificate headers; Passerelle's intake does not use them.)
 *
 * <p>It also holds the connection's deadline, which the {@link ListenerGuard}'s watchdog enforces: from
 * admission and between frames the idle timeout (until a frame starts; bytes outside frames do not move
 * it), inside a frame the read timeout (from the last bytes received), none while a complete frame is being
 * handled and answered.
 */
final class FrameAlignedSocket extends Socket implements FrameAlignedInputStream.Activity {

    /** What the deadline, once passed, means. */
    enum Overdue { NO, IDLE, READ }

    private final Socket socket;
    private final ListenerGuard guard;
    private final AtomicLong discarded = new AtomicLong();
    private FrameAlignedInputStream input;
    private volatile boolean armed;
    private volatile boolean inFrame;
    private volatile long deadline;

    FrameAlignedSocket(Socket socket, ListenerGuard guard) {
        this.socket = socket;
        this.guard = guard;
        awaitingFrame();
    }

    @Override
    public void awaitingFrame() {
        inFrame = false;
        deadline = System.nanoTime() + guard.limits().idleTimeout().toNanos();
        armed = true;
    }

    @Override
    public void frameProgress() {
        inFrame = true;
        deadline = System.nanoTime() + guard.limits().readTimeout().toNanos();
        armed = true;
    }

    @Override
    public void frameDone() {
        armed = false;
        inFrame = false;
    }

    Overdue overdue(long nanoNow) {
        if (!armed || socket.isClosed() || nanoNow - deadline < 0) {
            return Overdue.NO;
        }
        return inFrame ? Overdue.READ : Overdue.IDLE;
    }

    /** True once after a frame longer than the limit was cut (and counted). */
    boolean takeFrameTooLong() {
        FrameAlignedInputStream in;
        synchronized (this) {
            in = input;
        }
        if (in != null && in.takeFrameTooLong()) {
            guard.frameTooLong(this);
            return true;
        }
        return false;
    }

    /** Closes with a TCP reset: what a sender mid-frame gets, so it cannot take the close for an answer. */
    void reset() throws IOException {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException alreadyGone) {
            // closing anyway
        }
        close();
    }

    /** Bytes dropped because they were outside any frame, since the last call. */
    long takeDiscardedBytes() {
        return discarded.getAndSet(0);
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (input == null) {
            input = new FrameAlignedInputStream(socket.getInputStream(), discarded, guard.limits().maxFrameBytes(), this);
        }
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        throw new SocketException("already connected");
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        throw new SocketException("already connected");
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        throw new SocketException("already bound");
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return null; // reads must go through the frame-aligned stream
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void sendUrgentData(int data) throws IOException {
        socket.sendUrgentData(data);
    }

    @Override
    public void setOOBInline(boolean on) throws SocketException {
        socket.setOOBInline(on);
    }

    @Override
    public boolean getOOBInline() throws SocketException {
        return socket.getOOBInline();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    @Override
    public void setTrafficClass(int tc) throws SocketException {
        socket.setTrafficClass(tc);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return socket.getTrafficClass();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        socket.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return socket.getReuseAddress();
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            guard.closed(this);
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
        socket.setPerformancePreferences(connectionTime, latency, bandwidth);
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        socket.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return socket.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return socket.supportedOptions();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
