package io.tandem.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reading the audit log: a case's events, and whether the whole chain holds. */
@RestController
class AuditController {

  private final AuditLog auditLog;

  AuditController(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  /** A case's events in chain order; an empty list for a case with none. */
  @GetMapping("/api/cases/{caseId}/audit")
  List<AuditEvent> forCase(@PathVariable String caseId) {
    return auditLog.forCase(caseId);
  }

  /** Recomputes the whole chain; as slow as the log is long. */
  @GetMapping("/api/audit/verification")
  ChainVerification verification() {
    return auditLog.verify();
  }
}
