-- The embedded engine's state. Instance-local runtime state (element instances, variables) lives in
-- one JSONB document per process instance, rewritten under a row lock by each command; what is
-- looked up across instances (jobs, timers, subscriptions, messages, incidents) has its own table.

-- Keys look like Zeebe's: partition 1 in the top bits. Handed out in blocks of 1000.
CREATE SEQUENCE engine_key START WITH 2251799813685249 INCREMENT BY 1000;

CREATE TABLE engine_deployment (
  key        BIGINT PRIMARY KEY,
  tenant_id  TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE engine_resource (
  key            BIGINT PRIMARY KEY,
  deployment_key BIGINT NOT NULL REFERENCES engine_deployment (key),
  kind           TEXT NOT NULL,          -- PROCESS, DECISION, DECISION_REQUIREMENTS, FORM
  resource_id    TEXT NOT NULL,          -- bpmn process id, decision id, drg id, form id
  name           TEXT,
  version        INT NOT NULL,
  version_tag    TEXT,
  resource_name  TEXT NOT NULL,
  checksum       TEXT NOT NULL,
  content        BYTEA NOT NULL,
  parent_key     BIGINT,                 -- a decision's requirements graph
  tenant_id      TEXT NOT NULL,
  UNIQUE (kind, tenant_id, resource_id, version)
);
CREATE INDEX engine_resource_latest ON engine_resource (kind, tenant_id, resource_id, version DESC);

CREATE TABLE engine_process_instance (
  key                    BIGINT PRIMARY KEY,
  bpmn_process_id        TEXT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  version                INT NOT NULL,
  state                  TEXT NOT NULL,  -- ACTIVE, COMPLETED, TERMINATED
  has_incident           BOOLEAN NOT NULL DEFAULT false,
  start_date             TIMESTAMPTZ NOT NULL,
  end_date               TIMESTAMPTZ,
  tenant_id              TEXT NOT NULL,
  document               JSONB NOT NULL
);
CREATE INDEX engine_process_instance_state ON engine_process_instance (state, bpmn_process_id);

CREATE TABLE engine_job (
  key                    BIGINT PRIMARY KEY,
  type                   TEXT NOT NULL,
  state                  TEXT NOT NULL,  -- ACTIVATABLE, ACTIVATED, FAILED, ERROR_THROWN
  activatable_at         TIMESTAMPTZ NOT NULL,
  deadline               TIMESTAMPTZ,
  worker                 TEXT,
  retries                INT NOT NULL,
  error_message          TEXT,
  custom_headers         JSONB NOT NULL,
  process_instance_key   BIGINT NOT NULL,
  element_instance_key   BIGINT NOT NULL,
  element_id             TEXT NOT NULL,
  bpmn_process_id        TEXT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  version                INT NOT NULL,
  tenant_id              TEXT NOT NULL,
  created_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX engine_job_activatable ON engine_job (type, activatable_at) WHERE state = 'ACTIVATABLE';
CREATE INDEX engine_job_deadline ON engine_job (deadline) WHERE state = 'ACTIVATED';
CREATE INDEX engine_job_instance ON engine_job (process_instance_key);

CREATE TABLE engine_timer (
  key                  BIGINT PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  element_instance_key BIGINT NOT NULL,  -- the element that waits, or the one a boundary is attached to
  element_id           TEXT NOT NULL,    -- the timer event
  due_date             TIMESTAMPTZ NOT NULL,
  repetitions          INT NOT NULL,     -- -1 unbounded
  cycle                TEXT
);
CREATE INDEX engine_timer_due ON engine_timer (due_date);
CREATE INDEX engine_timer_instance ON engine_timer (process_instance_key);

CREATE TABLE engine_message_subscription (
  key                  BIGINT PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  element_instance_key BIGINT NOT NULL,
  element_id           TEXT NOT NULL,
  message_name         TEXT NOT NULL,
  correlation_key      TEXT NOT NULL,
  interrupting         BOOLEAN NOT NULL,
  tenant_id            TEXT NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX engine_message_subscription_lookup ON engine_message_subscription (message_name, correlation_key, tenant_id);
CREATE INDEX engine_message_subscription_instance ON engine_message_subscription (process_instance_key);

CREATE TABLE engine_message (
  key             BIGINT PRIMARY KEY,
  name            TEXT NOT NULL,
  correlation_key TEXT NOT NULL,
  message_id      TEXT,
  variables       JSONB NOT NULL,
  deadline        TIMESTAMPTZ NOT NULL,
  tenant_id       TEXT NOT NULL
);
CREATE INDEX engine_message_lookup ON engine_message (name, correlation_key, tenant_id);
CREATE INDEX engine_message_deadline ON engine_message (deadline);
CREATE UNIQUE INDEX engine_message_id ON engine_message (name, message_id, tenant_id) WHERE message_id IS NOT NULL;

-- a buffered message correlates at most once to each process instance
CREATE TABLE engine_message_correlation (
  message_key          BIGINT NOT NULL,
  process_instance_key BIGINT NOT NULL,
  PRIMARY KEY (message_key, process_instance_key)
);

CREATE TABLE engine_incident (
  key                    BIGINT PRIMARY KEY,
  state                  TEXT NOT NULL,  -- ACTIVE, RESOLVED
  error_type             TEXT NOT NULL,
  error_message          TEXT NOT NULL,
  process_instance_key   BIGINT NOT NULL,
  element_instance_key   BIGINT NOT NULL,
  element_id             TEXT NOT NULL,
  job_key                BIGINT,
  bpmn_process_id        TEXT NOT NULL,
  process_definition_key BIGINT NOT NULL,
  tenant_id              TEXT NOT NULL,
  created_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX engine_incident_instance ON engine_incident (process_instance_key);

-- Append-only record of what the engine did: element transitions and other events, in order.
CREATE TABLE engine_record (
  position             BIGSERIAL PRIMARY KEY,
  value_type           TEXT NOT NULL,
  intent               TEXT NOT NULL,
  key                  BIGINT NOT NULL,
  process_instance_key BIGINT,
  element_id           TEXT,
  element_type         TEXT,
  flow_scope_key       BIGINT,
  payload              JSONB,
  created_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX engine_record_instance ON engine_record (process_instance_key, position);
CREATE INDEX engine_record_key ON engine_record (key);
