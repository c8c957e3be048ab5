package io.tandem.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lifecycle transition of a Camunda user task that waits for its task listeners (Camunda's
 * intermediate user task state): what the command asked for, the task's attributes before and as
 * the transition will leave them (the command's changes and the listeners' corrections), and which
 * listener runs now. Kept in the user task's element instance until the last listener finishes the
 * transition, one denies it, or the task is canceled.
 */
public final class TaskTransition {
  /** The event: CREATING, ASSIGNING, UPDATING, COMPLETING or CANCELING. */
  public String event;
  /** Finds the record that ended this transition, for the caller waiting on it. */
  public long key;
  /** The index of the running listener among those of the event. */
  public int listener;
  /** That listener's job; null while there is none (its type or retries could not be evaluated). */
  public Long jobKey;
  public String action;
  /** The attributes the command changes, as Camunda names them. */
  public List<String> changed = new ArrayList<>();
  /** Creating: whether the model gave the assignee, which a creating listener may then not correct. */
  public boolean assigneeFromModel;
  /** Completing: the variables the task is completed with. */
  public Map<String, Object> variables;
  public Attributes before;
  public Attributes after;

  /** The attributes of a task that commands and listeners change. Dates are ISO 8601 instants. */
  public static final class Attributes {
    public static final String ASSIGNEE = "assignee";
    public static final String CANDIDATE_GROUPS = "candidateGroupsList";
    public static final String CANDIDATE_USERS = "candidateUsersList";
    public static final String DUE_DATE = "dueDate";
    public static final String FOLLOW_UP_DATE = "followUpDate";
    public static final String PRIORITY = "priority";

    public String assignee;
    public List<String> candidateGroups = new ArrayList<>();
    public List<String> candidateUsers = new ArrayList<>();
    public String dueDate;
    public String followUpDate;
    public int priority;

    public Attributes copy() {
      Attributes copy = new Attributes();
      copy.assignee = assignee;
      copy.candidateGroups = new ArrayList<>(candidateGroups);
      copy.candidateUsers = new ArrayList<>(candidateUsers);
      copy.dueDate = dueDate;
      copy.followUpDate = followUpDate;
      copy.priority = priority;
      return copy;
    }

    /** The names of the attributes that differ from another's. */
    public List<String> differences(Attributes other) {
      List<String> names = new ArrayList<>();
      if (!Objects.equals(assignee, other.assignee)) {
        names.add(ASSIGNEE);
      }
      if (!candidateGroups.equals(other.candidateGroups)) {
        names.add(CANDIDATE_GROUPS);
      }
      if (!candidateUsers.equals(other.candidateUsers)) {
        names.add(CANDIDATE_USERS);
      }
      if (!Objects.equals(dueDate, other.dueDate)) {
        names.add(DUE_DATE);
      }
      if (!Objects.equals(followUpDate, other.followUpDate)) {
        names.add(FOLLOW_UP_DATE);
      }
      if (priority != other.priority) {
        names.add(PRIORITY);
      }
      return names;
    }
  }
}
