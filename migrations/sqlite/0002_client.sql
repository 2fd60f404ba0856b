-- 0002 the client record: clients, their care teams, their consents and
-- the joint plan (goals, actions, timeline notes).  Dates are days since
-- 1970-01-01, times Unix seconds.  Consents and team memberships are never
-- deleted: ending or revoking one sets a date, so the history stays.

CREATE TABLE client (
	id		INTEGER PRIMARY KEY,
	-- BSN sealed with the site key (hex of nonce + ciphertext) and a
	-- keyed hash of it for lookup; NULL after erasure.
	bsn_sealed	TEXT,
	bsn_index	TEXT UNIQUE,
	given_name	TEXT NOT NULL,
	family_name	TEXT NOT NULL,
	birth_date	INTEGER NOT NULL,
	phone		TEXT,
	email		TEXT,
	address		TEXT,
	municipality_code TEXT NOT NULL REFERENCES municipality (code),
	benefit		TEXT NOT NULL CHECK (benefit IN ('wajong', 'wia-wga',
			    'wia-iva', 'wao', 'waz', 'zw', 'ww',
			    'participatiewet', 'geen')),
	-- health: recorded by a GGZ institution only, so it may be NULL
	target_group	TEXT CHECK (target_group IN ('epa', 'cmd', 'overig')),
	registered_org	INTEGER NOT NULL REFERENCES organisation (id),
	registered_by	INTEGER REFERENCES user_account (id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	erased_at	INTEGER
) STRICT;
CREATE INDEX client_org ON client (registered_org);

-- A professional on a client's care team, with their function for this
-- client; ended_at closes the membership.
CREATE TABLE care_team (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	user_id		INTEGER NOT NULL REFERENCES user_account (id),
	org_id		INTEGER NOT NULL REFERENCES organisation (id),
	function	TEXT NOT NULL,
	added_by	INTEGER REFERENCES user_account (id),
	added_at	INTEGER NOT NULL,
	ended_at	INTEGER,
	ended_by	INTEGER REFERENCES user_account (id)
) STRICT;
CREATE UNIQUE INDEX care_team_current ON care_team (client_id, user_id)
    WHERE ended_at IS NULL;
CREATE INDEX care_team_user ON care_team (user_id);

-- The client's consent: organisation org_id may use the categories (bit
-- set: 1 identity, 2 work & income, 4 health, 8 plan, 16 notes) for one
-- purpose from valid_from to valid_until (inclusive days).
CREATE TABLE consent (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	org_id		INTEGER NOT NULL REFERENCES organisation (id),
	purpose		TEXT NOT NULL CHECK (purpose IN ('behandeling',
			    're-integratie', 'casuistiekoverleg',
			    'monitoring')),
	categories	INTEGER NOT NULL CHECK (categories BETWEEN 1 AND 31),
	valid_from	INTEGER NOT NULL,
	valid_until	INTEGER NOT NULL,
	method		TEXT NOT NULL CHECK (method IN ('schriftelijk',
			    'mondeling', 'online')),
	evidence	TEXT,
	recorded_by	INTEGER REFERENCES user_account (id),
	recorded_at	INTEGER NOT NULL,
	revoked_at	INTEGER,
	revoked_by	INTEGER REFERENCES user_account (id),
	revoke_reason	TEXT,
	CHECK (valid_until >= valid_from)
) STRICT;
CREATE INDEX consent_client ON consent (client_id, org_id);

-- The joint plan: goals per track, owned by one organisation.  A goal's
-- status is derived from its actions, never stored.  version counts
-- changes so a stale form is detected instead of overwriting.
CREATE TABLE goal (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	track		TEXT NOT NULL CHECK (track IN ('zorg', 'werk',
			    'inkomen', 'dagbesteding')),
	owner_org	INTEGER NOT NULL REFERENCES organisation (id),
	title		TEXT NOT NULL,
	target		TEXT NOT NULL,
	due_date	INTEGER,
	stopped_at	INTEGER,
	created_by	INTEGER REFERENCES user_account (id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX goal_client ON goal (client_id);

CREATE TABLE plan_action (
	id		INTEGER PRIMARY KEY,
	goal_id		INTEGER NOT NULL REFERENCES goal (id),
	client_id	INTEGER NOT NULL REFERENCES client (id),
	title		TEXT NOT NULL,
	owner_user	INTEGER NOT NULL REFERENCES user_account (id),
	due_date	INTEGER NOT NULL,
	done_at		INTEGER,
	done_by		INTEGER REFERENCES user_account (id),
	created_by	INTEGER REFERENCES user_account (id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX plan_action_goal ON plan_action (goal_id);
CREATE INDEX plan_action_owner ON plan_action (owner_user, done_at);

-- The timeline: contacts and notes, written by a professional for their
-- organisation.  Notes are their own data category.
CREATE TABLE note (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	org_id		INTEGER NOT NULL REFERENCES organisation (id),
	author_id	INTEGER NOT NULL REFERENCES user_account (id),
	kind		TEXT NOT NULL CHECK (kind IN ('gesprek', 'telefoon',
			    'mail', 'notitie')),
	on_date		INTEGER NOT NULL,
	body		TEXT NOT NULL,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX note_client ON note (client_id, on_date);
