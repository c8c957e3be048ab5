package io.tandem.workers;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.tandem.audit.AuditEventType;
import io.tandem.audit.AuditLog;
import io.tandem.cases.CaseRepository;
import io.tandem.cases.ReviewCase;
import io.tandem.pii.MaskedText;
import io.tandem.pii.PiiMasker;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Masks personal data in what reviewers will see; records what was masked, never the values. */
@Component
// public: the Camunda starter invokes job worker methods reflectively
public class MaskPiiWorker {

  private final CaseRepository cases;
  private final PiiMasker masker;
  private final AuditLog audit;
  private final Clock clock;

  MaskPiiWorker(CaseRepository cases, PiiMasker masker, AuditLog audit, Clock clock) {
    this.cases = cases;
    this.masker = masker;
    this.audit = audit;
    this.clock = clock;
  }

  @JobWorker(type = "tandem.mask-pii", fetchVariables = "caseId")
  @Transactional
  public Map<String, Object> mask(@Variable String caseId) {
    ReviewCase c = cases.find(UUID.fromString(caseId)).orElseThrow();
    MaskedText masked = masker.mask(c.text());
    if (c.maskedText() == null) { // a redelivered job masks again but records once
      cases.masked(c.id(), masked.masked(), masked.findings(), clock.instant());
      Map<String, Long> counts = new TreeMap<>();
      masked.findings().forEach(f -> counts.merge(f.type().name(), 1L, Long::sum));
      audit.append(caseId, AuditEventType.MASKED, "tandem.mask-pii", Map.of("masked", counts,
          "valueHashes", masked.findings().stream().map(f -> f.valueHash()).toList()));
    }
    return Map.of("maskedText", masked.masked());
  }
}
