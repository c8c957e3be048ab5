-- The audit log (EU AI Act Art. 12 record keeping): one append-only, hash-chained table of every
-- case event. Each row's hash covers its own fields and the previous row's hash, so changing,
-- inserting or removing a row anywhere breaks every later link; AuditLog.verify() recomputes them.
-- The canonical form that is hashed is documented in io.tandem.audit.AuditHashing.

-- The chain head: one row, locked (SELECT ... FOR UPDATE) by every append until its transaction
-- ends, so that appends are serialized and the chain never forks. It also numbers the chain: the
-- sequence is the head's plus one, taken under the lock, so a rolled-back append leaves no gap
-- (a bigserial would: sequence values are not transactional, and verify reports gaps as breaks).
CREATE TABLE audit_chain_head (
  id       SMALLINT PRIMARY KEY CHECK (id = 1),
  sequence BIGINT NOT NULL,
  hash     TEXT NOT NULL
);
INSERT INTO audit_chain_head (id, sequence, hash) VALUES (1, 0, repeat('0', 64));

CREATE TABLE audit_event (
  sequence      BIGINT PRIMARY KEY CHECK (sequence > 0), -- chain order, gapless from 1
  case_id       TEXT,                                    -- null for events of no one case (KILL_SWITCH_CHANGED)
  event_type    TEXT NOT NULL,                           -- open set; constants in io.tandem.audit.AuditEventType
  actor         TEXT NOT NULL,                           -- a user id, 'system', or a worker's name
  occurred_at   TIMESTAMPTZ NOT NULL,                    -- microsecond precision, as hashed
  payload       JSONB NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  previous_hash TEXT NOT NULL,                           -- the previous row's hash; 64 zeros for the first
  hash          TEXT NOT NULL UNIQUE                     -- lowercase hex SHA-256
);
CREATE INDEX audit_event_case ON audit_event (case_id, sequence);

-- Append-only at the database level. A superuser or the table owner can still disable the trigger
-- (tests do, to tamper on purpose); in production run the app as a role that owns neither table,
-- with INSERT and SELECT only (and UPDATE on audit_chain_head). Whatever gets past this, verify() finds.
CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed (EU AI Act Art. 12 record keeping)',
    TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation',
          HINT = 'audit events are never changed or removed; append a correcting event instead';
END;
$$;

CREATE TRIGGER audit_event_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

-- The head row is never removed, and only moves forward by one event that was appended in the same
-- transaction and links to the event it pointed at before.
CREATE TRIGGER audit_chain_head_kept
  BEFORE DELETE OR TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

CREATE FUNCTION audit_chain_head_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.sequence <> OLD.sequence + 1 OR NOT EXISTS (
      SELECT 1 FROM audit_event e
       WHERE e.sequence = NEW.sequence AND e.hash = NEW.hash AND e.previous_hash = OLD.hash) THEN
    RAISE EXCEPTION 'audit_chain_head only advances to the event appended after it (from % to %)',
      OLD.sequence, NEW.sequence
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_chain_head_advances
  BEFORE UPDATE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_advance();
