-- Camunda user tasks (zeebe:userTask) and the indexes the search API needs. Like the projections of
-- V2, everything here is written in the transaction of the command that changed it, so a search
-- right after a command sees its effect.

-- One row per user task, kept after the task ends (COMPLETED, CANCELED) for history searches.
-- Every field a tasklist filters or sorts on has its own column.
CREATE TABLE engine_user_task (
  key                        BIGINT PRIMARY KEY,     -- the user task key, distinct from the element instance key
  state                      TEXT NOT NULL,          -- CREATED, COMPLETED, CANCELED
  element_id                 TEXT NOT NULL,
  name                       TEXT,
  assignee                   TEXT,
  candidate_groups           TEXT[] NOT NULL,
  candidate_users            TEXT[] NOT NULL,
  due_date                   TIMESTAMPTZ,
  follow_up_date             TIMESTAMPTZ,
  priority                   INT NOT NULL,           -- 0..100, 50 unless the model says otherwise
  form_key                   BIGINT,                 -- the linked form version, resolved at creation
  external_form_reference    TEXT,
  custom_headers             JSONB NOT NULL,
  creation_date              TIMESTAMPTZ NOT NULL,
  completion_date            TIMESTAMPTZ,            -- when it was completed or canceled
  process_instance_key       BIGINT NOT NULL,
  element_instance_key       BIGINT NOT NULL,
  process_definition_key     BIGINT NOT NULL,
  bpmn_process_id            TEXT NOT NULL,
  process_definition_version INT NOT NULL,
  process_name               TEXT,
  tenant_id                  TEXT NOT NULL
);
-- the tasklist order: open tasks by priority, oldest first among equals
CREATE INDEX engine_user_task_queue ON engine_user_task (state, priority DESC, key);
CREATE INDEX engine_user_task_candidate_groups ON engine_user_task USING GIN (candidate_groups);
CREATE INDEX engine_user_task_candidate_users ON engine_user_task USING GIN (candidate_users);
CREATE INDEX engine_user_task_assignee ON engine_user_task (assignee, state) WHERE assignee IS NOT NULL;
CREATE INDEX engine_user_task_instance ON engine_user_task (process_instance_key);
CREATE INDEX engine_user_task_element_instance ON engine_user_task (element_instance_key);
CREATE INDEX engine_user_task_definition ON engine_user_task (process_definition_key);
CREATE INDEX engine_user_task_element ON engine_user_task (bpmn_process_id, element_id);
CREATE INDEX engine_user_task_due ON engine_user_task (due_date) WHERE due_date IS NOT NULL;
CREATE INDEX engine_user_task_follow_up ON engine_user_task (follow_up_date) WHERE follow_up_date IS NOT NULL;
CREATE INDEX engine_user_task_created ON engine_user_task (creation_date);

-- whether a process's none start event links a form (GET /v2/process-definitions/{key}/form)
ALTER TABLE engine_resource ADD COLUMN has_start_form BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX engine_resource_kind_key ON engine_resource (kind, key);

-- element instances carry their element's name for searches
ALTER TABLE engine_element_instance ADD COLUMN element_name TEXT;
CREATE INDEX engine_element_instance_definition ON engine_element_instance (process_definition_key);
CREATE INDEX engine_element_instance_scope ON engine_element_instance (flow_scope_key);

CREATE INDEX engine_process_instance_definition ON engine_process_instance (process_definition_key);
CREATE INDEX engine_process_instance_process ON engine_process_instance (bpmn_process_id, start_date);
CREATE INDEX engine_process_instance_start ON engine_process_instance (start_date);

CREATE INDEX engine_incident_state ON engine_incident (state, created_at);
CREATE INDEX engine_incident_definition ON engine_incident (process_definition_key);
CREATE INDEX engine_incident_element_instance ON engine_incident (element_instance_key);

CREATE INDEX engine_variable_instance_name ON engine_variable (process_instance_key, name);

-- every resource a deployment contains, also those kept because they were unchanged: a form bound
-- with bindingType "deployment" is the version deployed together with the process
CREATE TABLE engine_deployment_resource (
  deployment_key BIGINT NOT NULL,
  resource_key   BIGINT NOT NULL,
  PRIMARY KEY (deployment_key, resource_key)
);
