-- 0006 measurement's source check without an IN list.  SQLite (3.40)
-- compiles a CHECK with an IN list of three or more values into a small
-- temporary table built again for every inserted row: about half a
-- microsecond a row, a third of the engine's cost of an import of a
-- million measurements (docs/benchmarks.md, "CSV import").  The same rule
-- as an OR of equalities costs nothing measurable.  SQLite cannot change
-- a CHECK in place, so the table is rebuilt with the same columns in the
-- same order; no table refers to it.
CREATE TABLE measurement_new (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	instrument	TEXT NOT NULL,
	on_date		INTEGER NOT NULL,
	items		TEXT,
	value		INTEGER NOT NULL,
	band		TEXT,
	source		TEXT NOT NULL CHECK (source = 'professional' OR
			    source = 'client' OR source = 'import'),
	org_id		INTEGER REFERENCES organisation (id),
	entered_by	INTEGER REFERENCES user_account (id),
	created_at	INTEGER NOT NULL
) STRICT;
INSERT INTO measurement_new (id, client_id, instrument, on_date, items,
    value, band, source, org_id, entered_by, created_at)
    SELECT id, client_id, instrument, on_date, items, value, band, source,
    org_id, entered_by, created_at FROM measurement;
DROP TABLE measurement;
ALTER TABLE measurement_new RENAME TO measurement;
CREATE INDEX measurement_client ON measurement (client_id, instrument,
    on_date, value);
