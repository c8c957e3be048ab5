package io.tandem.models;

/**
 * The model could not answer: unreachable, too slow, an HTTP error or an answer we cannot read. The
 * inference worker turns it into a job failure with retries, then a BPMN error.
 */
public class ModelUnavailableException extends RuntimeException {

  private final String modelId;

  public ModelUnavailableException(String modelId, String message) {
    super(modelId + ": " + message);
    this.modelId = modelId;
  }

  public ModelUnavailableException(String modelId, String message, Throwable cause) {
    super(modelId + ": " + message, cause);
    this.modelId = modelId;
  }

  public String modelId() {
    return modelId;
  }
}
