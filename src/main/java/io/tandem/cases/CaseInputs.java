package io.tandem.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.privacy.InputCipher;
import io.tandem.privacy.SealBrokenException;
import io.tandem.privacy.SealedValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Seals case payloads (their JSON) with the {@link InputCipher}, bound to the case's id so that a
 * ciphertext copied into another case's row does not open.
 */
@Component
class CaseInputs {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private final InputCipher cipher;
  private final ObjectMapper json;

  CaseInputs(InputCipher cipher, ObjectMapper json) {
    this.cipher = cipher;
    this.json = json;
  }

  String currentKeyId() {
    return cipher.currentKeyId();
  }

  /** Seals a new case's payload; the result is already open. */
  CaseInput seal(UUID caseId, Map<String, Object> payload) {
    try {
      return new CaseInput(cipher.seal(json.writeValueAsBytes(payload), associatedData(caseId)), payload,
          () -> payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload not serializable as JSON", e);
    }
  }

  /** A stored case's payload, opened on first use. */
  CaseInput sealed(UUID caseId, SealedValue sealed) {
    return new CaseInput(sealed, null, () -> open(caseId, sealed));
  }

  private Map<String, Object> open(UUID caseId, SealedValue sealed) {
    byte[] plain = cipher.open(sealed, associatedData(caseId));
    try {
      return json.readValue(plain, MAP);
    } catch (IOException e) {
      throw new SealBrokenException("the input of case " + caseId + " opened but is not a JSON object", e);
    }
  }

  /** What the tag authenticates besides the ciphertext: the table, column and case. */
  static byte[] associatedData(UUID caseId) {
    return ("tandem:review_case.input:" + caseId).getBytes(StandardCharsets.UTF_8);
  }
}
