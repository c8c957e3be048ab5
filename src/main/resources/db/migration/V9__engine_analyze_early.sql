-- The engine's commands run as prepared statements whose generic plans PostgreSQL caches per
-- connection and rebuilds when a table is analyzed. A plan made while a table was nearly empty
-- scans it; on a fresh database it stayed cached while the table grew by thousands of rows a
-- second, until autovacuum's next analyze (by default after 50 rows + 10 %, looked for once a
-- minute), and throughput fell by more than half meanwhile. Analyzing the hot tables after every
-- few thousand changes keeps their plans in step; the embedded server also looks every 10 s.
ALTER TABLE engine_element_instance SET (autovacuum_analyze_threshold = 2000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE engine_process_instance SET (autovacuum_analyze_threshold = 2000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE engine_job SET (autovacuum_analyze_threshold = 2000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE engine_variable SET (autovacuum_analyze_threshold = 2000, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE engine_user_task SET (autovacuum_analyze_threshold = 2000, autovacuum_analyze_scale_factor = 0.02);
