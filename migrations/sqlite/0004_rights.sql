-- 0004 the client's rights under the AVG: a request to correct the record
-- (art. 16), made by the client in the portal and handled by the
-- registering organisation.  The text is the client's own words; it is
-- deleted with the rest of the record when the client is erased.
CREATE TABLE correction_request (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	text		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	handled_at	INTEGER,
	handled_by	INTEGER REFERENCES user_account (id)
) STRICT;
CREATE INDEX correction_request_client ON correction_request (client_id);

-- werkbrug purge asks per client whether anything in the plan changed
-- since the retention cut-off (goals and notes have theirs already).
CREATE INDEX plan_action_client ON plan_action (client_id, updated_at);
