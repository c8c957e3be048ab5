-- Nothing looks records up by key any more (an element instance's process instance comes from
-- engine_element_instance's primary key); the index only cost each of a command's many inserts.
DROP INDEX engine_record_key;
