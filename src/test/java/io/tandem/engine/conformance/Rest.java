package io.tandem.engine.conformance;

import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls for what the Camunda client can't send: malformed and unknown fields. */
final class Rest {

  record Response(int status, String contentType, String body) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Rest() {}

  static Response post(CamundaClient client, String path, String json) {
    return send(client, path, "POST", json);
  }

  static Response patch(CamundaClient client, String path, String json) {
    return send(client, path, "PATCH", json);
  }

  static Response get(CamundaClient client, String path) {
    return send(client, path, "GET", null);
  }

  private static Response send(CamundaClient client, String path, String method, String json) {
    URI base = client.getConfiguration().getRestAddress();
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2" + path));
    try {
      client.getConfiguration().getCredentialsProvider().applyCredentials(request::header);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
