-- Ending an element instance changes its state and end date, and most commands rewrite their
-- instance's document. With no index on those columns and room left on each page, PostgreSQL
-- updates the row in place (a HOT update) instead of adding an entry to every index of the table:
-- engine_element_instance has five. Its element index loses the state column (a search by
-- element and state still narrows by element first); both tables keep a fifth of each page free.
DROP INDEX engine_element_instance_element;
CREATE INDEX engine_element_instance_element ON engine_element_instance (element_id);
ALTER TABLE engine_element_instance SET (fillfactor = 80);
ALTER TABLE engine_process_instance SET (fillfactor = 80);
