-- Read models for the search API, written in the same transaction as the command that changed
-- them: a search right after a command sees its effect (no exporter lag).

CREATE TABLE engine_element_instance (
  key                    BIGINT PRIMARY KEY,
  process_instance_key   BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        TEXT NOT NULL,
  element_id             TEXT NOT NULL,
  type                   TEXT NOT NULL,
  state                  TEXT NOT NULL,  -- ACTIVE, COMPLETED, TERMINATED
  flow_scope_key         BIGINT,
  incident_key           BIGINT,
  start_date             TIMESTAMPTZ NOT NULL,
  end_date               TIMESTAMPTZ,
  tenant_id              TEXT NOT NULL
);
CREATE INDEX engine_element_instance_instance ON engine_element_instance (process_instance_key, key);
CREATE INDEX engine_element_instance_element ON engine_element_instance (element_id, state);

CREATE TABLE engine_variable (
  key                    BIGINT PRIMARY KEY,
  name                   TEXT NOT NULL,
  value                  TEXT NOT NULL,  -- JSON
  scope_key              BIGINT NOT NULL,
  process_instance_key   BIGINT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  bpmn_process_id        TEXT NOT NULL,
  tenant_id              TEXT NOT NULL,
  UNIQUE (scope_key, name)
);
CREATE INDEX engine_variable_instance ON engine_variable (process_instance_key);
CREATE INDEX engine_variable_name ON engine_variable (name);
