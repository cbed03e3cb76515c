package dev.myelin.fashion.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.myelin.fashion.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests and writing responses on the JDK's HTTP server. */
final class Exchanges {
    /** A refused body is read and dropped up to this many times the limit before the connection is closed. */
    private static final int DRAIN_FACTOR = 4;

    private Exchanges() {}

    /**
     * The request body, refused past {@code limit} bytes: by its Content-Length before anything is
     * read, and by counting for a chunked body, so that an oversized upload never fills memory.
     */
    static byte[] body(HttpExchange exchange, int limit) throws IOException, BadRequest {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest("Content-Length is not a number: " + declared);
            }
            if (length > limit) {
                discard(exchange.getRequestBody(), limit);
                throw new BadRequest(tooLarge(length, limit));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > limit) {
                    discard(in, limit);
                    throw new BadRequest(tooLarge(out.size() + (long) n, limit));
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops up to {@code DRAIN_FACTOR * limit} more bytes of a refused body, so that a client
     * still sending it can finish and read the 400: closing the connection under it (what the server
     * does with a large unread body) made the client see a reset instead of the answer. A body larger
     * still is cut off by closing the connection.
     */
    private static void discard(InputStream in, int limit) {
        try {
            long left = (long) DRAIN_FACTOR * limit;
            byte[] sink = new byte[64 * 1024];
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client gave up: nothing to answer.
        }
    }

    private static String tooLarge(long bytes, int limit) {
        return "the body is too large: " + (bytes > limit ? "over " : "") + limit / (1024 * 1024)
                + " MB is the limit";
    }

    /** The value of query parameter {@code name}, or {@code fallback} when absent. */
    static String query(HttpExchange exchange, String name, String fallback) {
        URI uri = exchange.getRequestURI();
        String query = uri.getRawQuery();
        if (query == null) {
            return fallback;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JsonWriter.write(value).getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        json(exchange, status, body);
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
