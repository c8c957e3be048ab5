package io.tandem.engine.processing;

import io.tandem.engine.expression.Result;
import io.tandem.engine.model.FormReference;

/** Finds the deployed form version a linked form reference binds to. */
public interface FormResolver {

  /** The key of the form version, or why there is none (the user task raises an incident). */
  Result<Long> resolve(FormReference form, long processDefinitionKey, String tenantId);
}
