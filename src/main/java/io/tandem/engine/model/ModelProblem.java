package io.tandem.engine.model;

/** Why a model can't be deployed, pinned to the element at fault. */
public record ModelProblem(String elementId, String message) {}
