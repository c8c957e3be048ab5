-- Cases: one submitted item and everything decided about it.
CREATE TABLE review_case (
  id                   UUID PRIMARY KEY,
  flow                 TEXT NOT NULL,
  idempotency_key      TEXT,
  status               TEXT NOT NULL,          -- SUBMITTED, IN_PROGRESS, DECIDED
  payload              JSONB NOT NULL,
  metadata             JSONB NOT NULL,
  webhook_url          TEXT,
  process_instance_key BIGINT,
  masked_text          TEXT,
  pii_findings         JSONB,
  prediction           TEXT,
  confidence           DOUBLE PRECISION,
  model_id             TEXT,
  model_version        TEXT,
  route                TEXT,
  policy_rule          TEXT,
  decision             JSONB,
  decided_by           TEXT,
  decision_reason      TEXT,
  decided_at           TIMESTAMPTZ,
  created_at           TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX review_case_idempotency ON review_case (flow, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX review_case_listing ON review_case (flow, status, created_at DESC);
CREATE INDEX review_case_unstarted ON review_case (created_at) WHERE process_instance_key IS NULL;

-- Every human answer on a case; (case, reviewer) is unique: the four-eyes rule.
CREATE TABLE review_answer (
  id          BIGSERIAL PRIMARY KEY,
  case_id     UUID NOT NULL REFERENCES review_case (id),
  task_key    BIGINT NOT NULL UNIQUE,
  element_id  TEXT NOT NULL,
  reviewer    TEXT NOT NULL,
  answer      TEXT NOT NULL,
  reason      TEXT,
  details     JSONB,
  answered_at TIMESTAMPTZ NOT NULL,
  UNIQUE (case_id, reviewer)
);

-- Human-on-the-loop: per flow, route everything to people (kill switch) or pause intake.
CREATE TABLE flow_control (
  flow        TEXT PRIMARY KEY,
  kill_switch BOOLEAN NOT NULL DEFAULT false,
  paused      BOOLEAN NOT NULL DEFAULT false,
  changed_by  TEXT NOT NULL,
  reason      TEXT,
  changed_at  TIMESTAMPTZ NOT NULL
);
