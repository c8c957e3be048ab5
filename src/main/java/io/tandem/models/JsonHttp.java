package io.tandem.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP for the remote adapters, on the JDK's client: every failure to get a readable 2xx
 * JSON answer in time becomes a {@link ModelUnavailableException}.
 */
final class JsonHttp {

  private static final int MAX_ERROR_BODY = 300;

  private final String modelId;
  private final Duration timeout;
  private final ObjectMapper json;
  private final HttpClient client;

  JsonHttp(String modelId, Duration timeout, ObjectMapper json) {
    this.modelId = modelId;
    this.timeout = timeout;
    this.json = json;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  JsonNode post(URI uri, JsonNode body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body)));
    headers.forEach(request::header);
    HttpResponse<String> response = send(request.build());
    if (response.statusCode() / 100 != 2) {
      throw new ModelUnavailableException(
          modelId,
          "HTTP " + response.statusCode() + " from " + uri + ": " + abbreviate(response.body()));
    }
    try {
      return json.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new ModelUnavailableException(
          modelId, "answer from " + uri + " is not JSON: " + abbreviate(response.body()), e);
    }
  }

  /** The status code of a GET; no answer at all is a {@link ModelUnavailableException}. */
  int getStatus(URI uri) {
    return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build()).statusCode();
  }

  ObjectMapper json() {
    return json;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ModelUnavailableException(
          modelId, "no answer from " + request.uri() + " within " + timeout, e);
    } catch (IOException e) {
      throw new ModelUnavailableException(modelId, "cannot reach " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException(modelId, "interrupted while calling " + request.uri(), e);
    }
  }

  private String write(JsonNode body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serialises", e);
    }
  }

  private static String abbreviate(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_ERROR_BODY ? flat : flat.substring(0, MAX_ERROR_BODY) + "…";
  }
}
