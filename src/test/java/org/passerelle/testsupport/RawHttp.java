package org.passerelle.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, for requests java.net.http refuses to send (a NUL in a header, a malformed request
 * line, non-ASCII header bytes, an unknown method) and for bodies streamed while the answer is read. Answers are
 * read as {@link ApiResponse}s so {@link Problems#assertProblem} applies.
 */
public final class RawHttp {

    private final int port;

    private RawHttp(int port) {
        this.port = port;
    }

    public static RawHttp onPort(int port) {
        return new RawHttp(port);
    }

    /** Sends {@code head} (request line and headers, without the blank line) and no body. */
    public ApiResponse send(String head) {
        return send(head.getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    /** Sends the head bytes as they are, then {@code bodyBytes} zero bytes from another thread while the answer is read. */
    public ApiResponse send(byte[] head, long bodyBytes) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(withBlankLine(head, new byte[0])); // one write: no half-read request for the server to reset
            out.flush();
            CompletableFuture<Void> body = bodyBytes == 0 ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.runAsync(() -> stream(out, bodyBytes));
            ApiResponse response = read(socket.getInputStream(), new String(head, 0, Math.min(head.length, 60),
                    StandardCharsets.ISO_8859_1).lines().findFirst().orElse(""));
            body.exceptionally(e -> null);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("raw request failed", e);
        }
    }

    /** Sends the head bytes as they are, then {@code body}. */
    public ApiResponse sendWithBody(byte[] head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(withBlankLine(head, body));
            out.flush();
            return read(socket.getInputStream(), new String(head, 0, Math.min(head.length, 40), StandardCharsets.ISO_8859_1)
                    .lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException("raw request failed", e);
        }
    }

    private static byte[] withBlankLine(byte[] head, byte[] body) {
        byte[] all = new byte[head.length + 4 + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, all, head.length, 4);
        System.arraycopy(body, 0, all, head.length + 4, body.length);
        return all;
    }

    private static void stream(OutputStream out, long bytes) {
        byte[] chunk = new byte[64 * 1024];
        try {
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
            }
            out.flush();
        } catch (IOException closedByTheServer) {
            // expected once the answer is out: the server does not read a refused body
        }
    }

    private static ApiResponse read(InputStream in, String call) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) >= 0; ) {
                buffer.write(b, 0, n);
                if (complete(buffer.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketException reset) {
            if (buffer.size() == 0) {
                throw reset;
            }
        }
        String raw = buffer.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no HTTP answer to " + call + ": '" + raw + "'");
        }
        List<String> lines = raw.substring(0, end).lines().toList();
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        String body = raw.substring(end + 4);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new ApiResponse(call + " (raw)", status, HttpHeaders.of(headers, (k, v) -> true), body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            byte[] rest = chunked.substring(eol + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
            body.append(chunk);
            at = eol + 2 + chunk.length() + 2;
        }
        return body.toString();
    }

    /** Headers read and, with a Content-Length, the whole body. */
    private static boolean complete(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : raw.substring(0, end).lines().toList()) {
            if (line.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
                return raw.endsWith("\r\n0\r\n\r\n");
            }
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                int length = Integer.parseInt(line.substring(15).trim());
                return raw.getBytes(StandardCharsets.ISO_8859_1).length - end - 4 >= length;
            }
        }
        return false;
    }
}
