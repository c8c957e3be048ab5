package io.tandem.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tandem.cases.ReviewCase.CaseStatus;
import io.tandem.system.ApiProblems.InvalidField;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Clients submit items for review and read back what was decided. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  static final int MAX_BATCH = 1000;

  record Created(UUID id, CaseStatus status, boolean created, URI location) {}

  record Page(List<ReviewCase> items, long total, int limit, int offset) {}

  @Schema(description = "A case's raw payload, exactly as submitted")
  record RawInput(UUID id, Map<String, Object> payload) {}

  private final CaseService cases;
  private final List<CaseAnswers> answers;

  CaseController(CaseService cases, List<CaseAnswers> answers) {
    this.cases = cases;
    this.answers = answers;
  }

  /** 201 for a new case, 200 when the idempotency key names an existing one. */
  @PostMapping
  ResponseEntity<Created> submit(@RequestBody SubmitCase submission) {
    Created created = created(cases.submit(submission));
    return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .location(created.location()).body(created);
  }

  /** All are validated before any is stored: a bad item rejects the batch, naming its index. */
  @PostMapping("/batch")
  ResponseEntity<Map<String, List<Created>>> submitBatch(@RequestBody List<SubmitCase> submissions) {
    if (submissions == null || submissions.isEmpty() || submissions.size() > MAX_BATCH) {
      throw new InvalidField("items", "a batch holds 1 to %d cases".formatted(MAX_BATCH));
    }
    for (int i = 0; i < submissions.size(); i++) {
      try {
        cases.validateOnly(submissions.get(i));
      } catch (InvalidField e) {
        throw new InvalidField("[" + i + "]." + e.field(), e.getMessage());
      }
    }
    List<Created> created = submissions.stream().map(cases::submit).map(CaseController::created).toList();
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("items", created));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A case, its decision and the reviewers' answers",
      description = "Never includes the raw payload, which is stored encrypted: the free text appears only"
          + " as maskedText (personal data replaced by tokens), as reviewers see it."
          + " The raw payload is at GET /api/cases/{id}/input.")
  CaseDetails get(@PathVariable UUID id) {
    ReviewCase reviewCase = cases.get(id);
    return new CaseDetails(reviewCase,
        answers.stream().flatMap(a -> a.forCase(id).stream()).toList());
  }

  @GetMapping("/{id}/input")
  @Operation(summary = "The raw payload of a case, decrypted",
      description = "For the client that submitted the case: the payload exactly as submitted, decrypted"
          + " from its AES-256-GCM seal. A payload whose seal fails its integrity check (altered in the"
          + " database, or sealed under a key no longer configured) is a 500 problem, never a guess."
          + " Each read is recorded in the case's audit trail (INPUT_READ).")
  RawInput input(@PathVariable UUID id) {
    return new RawInput(id, cases.readInput(id));
  }

  @GetMapping
  @Operation(summary = "Cases, newest first", description = "Like GET /api/cases/{id}: no raw payloads.")
  Page list(@RequestParam(required = false) String flow, @RequestParam(required = false) CaseStatus status,
      @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 500) {
      throw new InvalidField("limit", "limit must be between 1 and 500");
    }
    if (offset < 0) {
      throw new InvalidField("offset", "offset must not be negative");
    }
    return new Page(cases.list(flow, status, limit, offset), cases.count(flow, status), limit, offset);
  }

  private static Created created(CaseService.Submitted submitted) {
    ReviewCase c = submitted.reviewCase();
    return new Created(c.id(), c.status(), submitted.created(), URI.create("/api/cases/" + c.id()));
  }
}
