-- Flyway owns the schema from here on. Each feature adds its own migration.
CREATE TABLE tandem_instance (
  id          SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  started_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO tandem_instance (id) VALUES (1);
