package io.tandem.cases;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** A case as GET /api/cases/{id} shows it: its fields (no raw input), and who answered what. */
record CaseDetails(@JsonUnwrapped ReviewCase reviewCase, List<CaseAnswers.Answer> answers) {}
