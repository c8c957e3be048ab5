package io.tandem.flows;

/** Who wants to know that a flow's control changed (the audit log). */
public interface FlowEvents {
  void controlChanged(FlowControl.State before, FlowControl.State after);
}
