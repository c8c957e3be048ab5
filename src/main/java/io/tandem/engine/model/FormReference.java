package io.tandem.engine.model;

/**
 * A linked Camunda Form ({@code zeebe:formDefinition formId}): which version the reference binds
 * to is decided when the user task is created.
 */
public record FormReference(String formId, Binding binding, String versionTag) {

  /** {@code zeebe:formDefinition bindingType}, as Camunda names it. */
  public enum Binding {
    /** the latest deployed version of the form */
    LATEST,
    /** the version deployed together with the process */
    DEPLOYMENT,
    /** the latest version carrying the given version tag */
    VERSION_TAG
  }
}
