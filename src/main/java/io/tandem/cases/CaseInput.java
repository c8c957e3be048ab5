package io.tandem.cases;

import io.tandem.privacy.SealBrokenException;
import io.tandem.privacy.SealedValue;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A case's submitted payload as the client sent it: sealed at rest, opened (decrypted and checked)
 * only by what needs the raw input: the masking and inference workers, starting the process
 * instance, and a client asking for it explicitly.
 */
public final class CaseInput {

  private final SealedValue sealed;
  private final Supplier<Map<String, Object>> opener;
  private volatile Map<String, Object> payload;

  CaseInput(SealedValue sealed, Map<String, Object> payload, Supplier<Map<String, Object>> opener) {
    this.sealed = sealed;
    this.payload = payload;
    this.opener = opener;
  }

  SealedValue sealed() {
    return sealed;
  }

  /**
   * The raw payload.
   *
   * @throws SealBrokenException if the stored value was altered or its key is not configured
   */
  public Map<String, Object> payload() {
    Map<String, Object> opened = payload;
    if (opened == null) {
      opened = opener.get();
      payload = opened;
    }
    return opened;
  }

  /** The raw free text: the payload's {@code text} field, or empty. */
  public String text() {
    Object text = payload().get("text");
    return text == null ? "" : text.toString();
  }

  @Override
  public String toString() {
    return "CaseInput[sealed under key " + sealed.keyId() + "]";
  }
}
