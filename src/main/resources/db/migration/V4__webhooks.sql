-- Webhook callbacks, as an outbox: a delivery is inserted in the business transaction (so nothing is
-- sent for a change that rolled back) and a poller on any node sends it later, at least once.

CREATE TABLE webhook_delivery (
  id               UUID PRIMARY KEY,             -- X-Tandem-Delivery: receivers dedupe on it
  case_id          TEXT NOT NULL,
  url              TEXT NOT NULL,
  event_type       TEXT NOT NULL,                -- X-Tandem-Event
  payload          JSONB NOT NULL,
  status           TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts         INT NOT NULL DEFAULT 0,       -- attempts started (counted when claimed)
  next_attempt_at  TIMESTAMPTZ NOT NULL,         -- when PENDING: due time; while an attempt runs, its lease
  claim_token      UUID,                         -- the running attempt's claim; outcomes of stale claims are not applied
  last_status_code INT,
  last_error       TEXT,
  created_at       TIMESTAMPTZ NOT NULL,
  delivered_at     TIMESTAMPTZ
);
-- the poller's question: which pending deliveries are due?
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_case ON webhook_delivery (case_id, created_at);

-- Every attempt and its outcome, for operators and for the audit trail.
CREATE TABLE webhook_attempt (
  delivery_id UUID NOT NULL REFERENCES webhook_delivery (id),
  attempt     INT NOT NULL,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  status_code INT,                               -- null when no response came
  error       TEXT,                              -- null on 2xx
  PRIMARY KEY (delivery_id, attempt)
);
