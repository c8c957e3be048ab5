package io.tandem.workers;

/**
 * A review task's priority (0–100, Camunda's range): the less sure the model and the riskier the
 * case, the sooner a person should look at it.
 */
final class ReviewPriority {

  private ReviewPriority() {}

  static int of(double confidence, String riskClass) {
    double uncertainty = 1 - Math.max(0, Math.min(1, confidence));
    int risk = switch (riskClass == null ? "low" : riskClass) {
      case "critical" -> 40;
      case "high" -> 30;
      case "medium" -> 15;
      default -> 0;
    };
    return (int) Math.min(100, Math.round(20 + uncertainty * 80 + risk));
  }
}
