package io.gryt.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real HTTP server on loopback that records every request it receives, for testing what gryt sends (Slack,
 * webhooks). Answers 200 unless told otherwise with {@link #failNext}.
 *
 * <pre>{@code
 * try (HttpReceiver hook = HttpReceiver.start()) {
 *     ... send to hook.url("/hook") ...
 *     assertThat(hook.await(1, Duration.ofSeconds(10))).singleElement()...
 * }
 * }</pre>
 */
public final class HttpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

    /**
     * One request as received.
     *
     * @param method  the method
     * @param path    the path and query
     * @param headers the headers, names in lower case (first value of each)
     * @param body    the body as UTF-8 text
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        /** Header {@code name} (any case), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private HttpReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** A receiver on a free port. */
    public static HttpReceiver start() {
        return new HttpReceiver(0);
    }

    /** A receiver on {@code port} (e.g. one that was down and comes back). */
    public static HttpReceiver startOn(int port) {
        return new HttpReceiver(port);
    }

    /** A port nothing listens on (taken then released), for a destination that is down. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers the next {@code count} requests with {@code status} instead of 200. */
    public HttpReceiver failNext(int count, int status) {
        for (int i = 0; i < count; i++) statuses.add(status);
        return this;
    }

    /** Every request so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits up to {@code timeout} until {@code count} requests matching {@code which} arrived; returns them all. */
    public List<Request> await(int count, Predicate<Request> which, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (requests.stream().filter(which).count() < count && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return requests.stream().filter(which).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(headers), body));
        Integer status = statuses.poll();
        byte[] answer = (status == null ? "ok" : "no_service").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /** Stops listening at once. */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
