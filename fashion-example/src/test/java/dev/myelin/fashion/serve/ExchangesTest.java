package dev.myelin.fashion.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Reading request bodies. CI once saw a client get "header parser received no bytes" instead of the
 * 400 for an oversized upload: the server answered and closed the connection with most of the body
 * unread, and the reset could overtake the answer. A refused body is now read and dropped (up to four
 * times the limit) before the answer, which these tests hold by what is left in the stream.
 */
class ExchangesTest {
    private static final int LIMIT = 1000;

    @Test
    void aBodyRefusedByItsContentLengthIsDrainedBeforeTheAnswer() {
        Exchange exchange = new Exchange(LIMIT + 1, true);
        BadRequest e = assertThrows(BadRequest.class, () -> Exchanges.body(exchange, LIMIT));
        assertEquals(true, e.getMessage().startsWith("the body is too large"), e.getMessage());
        assertEquals(0, exchange.body.available(), "bytes left unread");
    }

    @Test
    void aChunkedBodyRefusedByCountingIsDrainedToo() {
        Exchange exchange = new Exchange(3 * LIMIT, false);
        assertThrows(BadRequest.class, () -> Exchanges.body(exchange, LIMIT));
        assertEquals(0, exchange.body.available(), "bytes left unread");
    }

    @Test
    void aHugeBodyIsDrainedOnlyUpToFourTimesTheLimitThenCutOff() {
        Exchange exchange = new Exchange(100 * LIMIT, true);
        assertThrows(BadRequest.class, () -> Exchanges.body(exchange, LIMIT));
        assertEquals(96 * LIMIT, exchange.body.available(), "the rest is left to the closed connection");
    }

    @Test
    void aBodyWithinTheLimitIsReturnedWhole() throws Exception {
        Exchange exchange = new Exchange(LIMIT, true);
        assertArrayEquals(new byte[LIMIT], Exchanges.body(exchange, LIMIT));
    }

    /** Just enough of an exchange for {@link Exchanges#body}: headers and a body of zeros. */
    private static final class Exchange extends HttpExchange {
        final ByteArrayInputStream body;
        private final Headers headers = new Headers();

        Exchange(int size, boolean declared) {
            body = new ByteArrayInputStream(new byte[size]);
            if (declared) {
                headers.add("Content-Length", Integer.toString(size));
            }
        }

        @Override public Headers getRequestHeaders() { return headers; }
        @Override public InputStream getRequestBody() { return body; }
        @Override public Headers getResponseHeaders() { return new Headers(); }
        @Override public URI getRequestURI() { return URI.create("/predict"); }
        @Override public String getRequestMethod() { return "POST"; }
        @Override public HttpContext getHttpContext() { return null; }
        @Override public void close() {}
        @Override public OutputStream getResponseBody() { return OutputStream.nullOutputStream(); }
        @Override public void sendResponseHeaders(int code, long length) {}
        @Override public InetSocketAddress getRemoteAddress() { return null; }
        @Override public int getResponseCode() { return -1; }
        @Override public InetSocketAddress getLocalAddress() { return null; }
        @Override public String getProtocol() { return "HTTP/1.1"; }
        @Override public Object getAttribute(String name) { return null; }
        @Override public void setAttribute(String name, Object value) {}
        @Override public void setStreams(InputStream i, OutputStream o) {}
        @Override public HttpPrincipal getPrincipal() { return null; }
    }
}
