package io.tandem.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A client's webhook endpoint: records every request and answers scripted statuses, then 200. */
final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived; header names case-insensitive. */
  record Received(Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final Queue<Integer> scripted = new ConcurrentLinkedQueue<>();

  private WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static WebhookReceiver start() {
    return new WebhookReceiver();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The statuses of the next requests, in order; 200 after them. */
  void answer(Integer... statuses) {
    scripted.addAll(List.of(statuses));
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      received.add(new Received(headers, body.readAllBytes()));
      Integer status = scripted.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
