package io.github.oktabulkdelete.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on {@code 127.0.0.1}, an ephemeral port, and a bounded pool of daemon threads.
 *
 * <p>Why not {@code com.sun.net.httpserver.HttpServer}: the JDK's server overwrites the {@code Date} header of every
 * response with {@code Instant.now()}, and the fake must send the {@code Date} of its injected clock (clients compute
 * {@code Reset - Date}). This server sends exactly the headers it is given, spelled as given, and can drop a
 * connection without a byte.
 *
 * <p>It speaks enough HTTP/1.1 for the Okta SDK's Apache HttpClient and {@code java.net.http.HttpClient}:
 * keep-alive, {@code Content-Length} and chunked request bodies, {@code Expect: 100-continue}. Each open connection
 * holds one pool thread (blocking I/O); a connection beyond the pool's size is closed at once. Thread-safe;
 * {@link #close()} closes the listening socket and every open connection, and stops the pool.
 *
 * <pre>{@code
 * LoopbackHttpServer server = LoopbackHttpServer.start(request -> new Response(204, List.of(), new byte[0]), 256);
 * String url = "http://127.0.0.1:" + server.port();
 * }</pre>
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** Answers one request; called on a pool thread, concurrently. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    /**
     * A received request.
     *
     * @param method the method
     * @param rawPath the path, still percent-encoded
     * @param rawQuery the query without {@code ?}, still percent-encoded; {@code null} if none
     * @param headers header names (case-insensitive) to values
     * @param body the body, empty if none
     */
    record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        List<String> headerValues(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }

    /**
     * A response to send; status 0 means: close the connection without a response.
     *
     * @param status the status
     * @param headers the headers in order, names spelled as they go on the wire ({@code Content-Length} is added)
     * @param body the body
     */
    record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        static final Response DROP = new Response(0, List.of(), new byte[0]);
    }

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 256;
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final Handler handler;
    private final ServerSocket serverSocket;
    private final ThreadPoolExecutor pool;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private LoopbackHttpServer(Handler handler, int maxConnections) throws IOException {
        this.handler = handler;
        int serverNumber = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxConnections, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable,
                            "fake-okta-" + serverNumber + "-http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.serverSocket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-okta-" + serverNumber + "-acceptor");
        this.acceptor.setDaemon(true);
    }

    static LoopbackHttpServer start(Handler handler, int maxConnections) throws IOException {
        LoopbackHttpServer server = new LoopbackHttpServer(handler, maxConnections);
        server.acceptor.start();
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : openSockets) {
            closeQuietly(socket);
        }
        pool.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            openSockets.add(socket);
            try {
                pool.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                openSockets.remove(socket);
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (!closed) {
                String requestLine = readLine(in, true);
                if (requestLine == null) {
                    return; // the client closed the connection
                }
                if (requestLine.isEmpty()) {
                    continue; // tolerated before a request line (RFC 9112, 2.2)
                }
                String[] parts = requestLine.split(" ");
                if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                    writeBadRequest(out);
                    return;
                }
                Map<String, List<String>> headers = readHeaders(in);
                if (headers == null) {
                    writeBadRequest(out);
                    return;
                }
                if (headers.getOrDefault("Expect", List.of()).stream().anyMatch("100-continue"::equalsIgnoreCase)) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                byte[] body = readBody(in, headers);
                if (body == null) {
                    writeBadRequest(out);
                    return;
                }
                String target = parts[1];
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    int pathStart = target.indexOf('/', target.indexOf("//") + 2);
                    target = pathStart < 0 ? "/" : target.substring(pathStart);
                }
                int hash = target.indexOf('#');
                if (hash >= 0) {
                    target = target.substring(0, hash);
                }
                int question = target.indexOf('?');
                String rawPath = question < 0 ? target : target.substring(0, question);
                String rawQuery = question < 0 ? null : target.substring(question + 1);
                Request request = new Request(parts[0], rawPath, rawQuery, headers, body);

                Response response;
                try {
                    response = handler.handle(request);
                } catch (RuntimeException e) {
                    response = new Response(500, List.of(Map.entry("Content-Type", "application/json")),
                            OktaErrors.body(OktaErrors.INTERNAL_ERROR, "Internal Server Error").toString()
                                    .getBytes(StandardCharsets.UTF_8));
                }
                if (response.status() == 0) {
                    return; // Fault.dropConnection(): close without a byte
                }
                boolean keepAlive = keepAlive(parts[2], headers);
                write(out, parts[0], response, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or sent garbage: nothing to answer
        } finally {
            openSockets.remove(socket);
            closeQuietly(socket);
        }
    }

    private static boolean keepAlive(String version, Map<String, List<String>> headers) {
        List<String> connection = headers.getOrDefault("Connection", List.of());
        boolean close = connection.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
        boolean keep = connection.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("keep-alive"));
        return version.equals("HTTP/1.0") ? keep && !close : !close;
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String lastName = null;
        for (int count = 0; ; count++) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                break;
            }
            if (count >= MAX_HEADERS) {
                return null;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                List<String> values = headers.get(lastName);
                int last = values.size() - 1;
                values.set(last, values.get(last) + " " + line.trim());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            lastName = line.substring(0, colon).trim();
            headers.computeIfAbsent(lastName, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        Map<String, List<String>> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> result.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(result);
    }

    private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> transferEncoding = headers.getOrDefault("Transfer-Encoding", List.of());
        if (transferEncoding.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in, false);
                int semicolon = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (size < 0 || body.size() + (long) size > MAX_BODY) {
                    return null;
                }
                if (size == 0) {
                    while (!readLine(in, false).isEmpty()) {
                        // skip trailers
                    }
                    return body.toByteArray();
                }
                body.write(readExactly(in, size));
                readLine(in, false); // the CRLF after the chunk
            }
        }
        List<String> contentLength = headers.getOrDefault("Content-Length", List.of());
        if (contentLength.isEmpty()) {
            return new byte[0];
        }
        long length;
        try {
            length = Long.parseLong(contentLength.get(0).trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (length < 0 || length > MAX_BODY) {
            return null;
        }
        return readExactly(in, (int) length);
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("body ended early");
        }
        return bytes;
    }

    /** Reads a line ending in LF (a CR before it is dropped); {@code null} at end of stream if allowed. */
    private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("request ended early");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            line.write(b);
        }
    }

    private static void write(OutputStream out, String method, Response response, boolean keepAlive)
            throws IOException {
        int status = response.status();
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        StringBuilder head = new StringBuilder(512);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> header : response.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (bodyAllowed) {
            head.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (bodyAllowed && !method.equals("HEAD")) {
            out.write(response.body());
        }
        out.flush();
    }

    private static void writeBadRequest(OutputStream out) throws IOException {
        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status " + status;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
