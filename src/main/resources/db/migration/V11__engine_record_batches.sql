-- A command's records go in one row, as one JSON array, as Zeebe's log appends a command's records
-- as one batch. One row per record cost a heap tuple, two index entries and a WAL record each:
-- about twenty rows per instance of a one-task process, two thirds of everything the engine wrote.
-- engine_record stays, as a view, for readers that want one row per record.
CREATE TABLE engine_record_batch (
  position             BIGSERIAL PRIMARY KEY,
  process_instance_key BIGINT NOT NULL,
  created_at           TIMESTAMPTZ NOT NULL,
  records              JSONB NOT NULL
);
CREATE INDEX engine_record_batch_instance ON engine_record_batch (process_instance_key, position);
-- a batch of a few kB is kept in its row, uncompressed: compressing it cost more CPU than it saved
ALTER TABLE engine_record_batch SET (toast_tuple_target = 8160);

-- every existing record becomes a batch of its own, in the order of the log (every record had its
-- command's process instance: one without would fail this migration rather than be dropped)
INSERT INTO engine_record_batch (position, process_instance_key, created_at, records)
SELECT position, process_instance_key, created_at, jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
    'valueType', value_type, 'intent', intent, 'key', key, 'elementId', element_id,
    'elementType', element_type, 'flowScopeKey', flow_scope_key))
  -- the payload as it is: a variable's null value stays
  || CASE WHEN payload IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('payload', payload) END)
FROM engine_record
ORDER BY position;
SELECT setval(pg_get_serial_sequence('engine_record_batch', 'position'),
    coalesce((SELECT max(position) FROM engine_record), 0) + 1, false);
DROP TABLE engine_record;

-- one row per record; ordered by (position, record_index)
CREATE VIEW engine_record AS
SELECT b.position, r.record_index, r.record ->> 'valueType' AS value_type, r.record ->> 'intent' AS intent,
  (r.record ->> 'key')::bigint AS key, b.process_instance_key, r.record ->> 'elementId' AS element_id,
  r.record ->> 'elementType' AS element_type, (r.record ->> 'flowScopeKey')::bigint AS flow_scope_key,
  r.record -> 'payload' AS payload, b.created_at
FROM engine_record_batch b
CROSS JOIN LATERAL jsonb_array_elements(b.records) WITH ORDINALITY AS r(record, record_index);
