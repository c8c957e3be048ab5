package io.tandem.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free loopback port that answers like a model server: each path gets a
 * canned status and body, and every request is recorded for the test to check.
 */
final class ProtocolServer implements AutoCloseable {

  record Received(String method, String path, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private record Answer(int status, String body, boolean stall) {}

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  ProtocolServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  ProtocolServer answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body, false));
    return this;
  }

  /** The path answers only when the server closes: long after any client timeout. */
  ProtocolServer stall(String path) {
    answers.put(path, new Answer(200, "{}", true));
    return this;
  }

  List<Received> received() {
    return received;
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    Answer answer =
        answers.getOrDefault(
            exchange.getRequestURI().getPath(),
            new Answer(404, "{\"error\":\"no such path\"}", false));
    if (answer.stall()) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      out.write(bytes);
    } catch (IOException clientGone) {
      // the client timed out and left: nothing to answer
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
