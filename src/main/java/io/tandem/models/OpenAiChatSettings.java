package io.tandem.models;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, ...).
 *
 * @param baseUrl the server, e.g. {@code https://api.openai.com} or {@code http://localhost:11434};
 *     a trailing {@code /v1} is accepted
 * @param model the model name the server knows, e.g. {@code gpt-4o-mini} or {@code llama3.2}
 * @param apiKey sent as a bearer token when not blank
 * @param timeout for connecting and for the whole answer
 * @param defaultConfidence the confidence reported when the answer has no usable logprobs
 * @param maxTokens most tokens the model may answer with
 * @param instructions what the classification is about, put before the list of labels
 */
public record OpenAiChatSettings(
    URI baseUrl,
    String model,
    String apiKey,
    Duration timeout,
    double defaultConfidence,
    int maxTokens,
    String instructions) {

  public OpenAiChatSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(model, "model");
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    if (!(defaultConfidence >= 0 && defaultConfidence <= 1)) {
      throw new IllegalArgumentException("defaultConfidence must be in [0, 1]");
    }
    maxTokens = maxTokens <= 0 ? 16 : maxTokens;
    instructions =
        instructions == null || instructions.isBlank()
            ? "Classify the user's message."
            : instructions;
  }

  public static OpenAiChatSettings of(URI baseUrl, String model) {
    return new OpenAiChatSettings(baseUrl, model, null, null, 0.5, 0, null);
  }

  public OpenAiChatSettings withApiKey(String apiKey) {
    return new OpenAiChatSettings(
        baseUrl, model, apiKey, timeout, defaultConfidence, maxTokens, instructions);
  }

  public OpenAiChatSettings withTimeout(Duration timeout) {
    return new OpenAiChatSettings(
        baseUrl, model, apiKey, timeout, defaultConfidence, maxTokens, instructions);
  }
}
