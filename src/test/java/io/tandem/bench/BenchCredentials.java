package io.tandem.bench;

import io.camunda.client.CredentialsProvider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How the benchmarks sign in: as the engine client, whose password bench/lib.sh gives the app
 * ({@code tandem.security.engine-client.password}) and the benchmark ({@code BENCH_ENGINE_SECRET}). Its check is a
 * constant-time comparison, so the figures don't carry a bcrypt check per request as a configured user's would.
 */
final class BenchCredentials {

  static final String USER = "tandem-engine-client";

  private BenchCredentials() {}

  static String secret() {
    String secret = System.getenv("BENCH_ENGINE_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("BENCH_ENGINE_SECRET is not set: run the benchmark through its bench/*.sh script");
    }
    return secret;
  }

  static CredentialsProvider engineClient() {
    return CredentialsProvider.newBasicAuthCredentialsProviderBuilder().username(USER).password(secret()).build();
  }

  /** The same credentials as an {@code Authorization} header value. */
  static String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + secret()).getBytes(StandardCharsets.UTF_8));
  }
}
