-- 0003 the client portal and referrals: client accounts (user_account
-- gets the role 'client' and no organisation; client.portal_user links
-- the record to its account),
-- one-time activation codes, referrals to a fixed contact point, and
-- business cards a client hands on (team proposals).
--
-- SQLite cannot change a CHECK constraint, so user_account is rebuilt:
-- the foreign keys that point at it are checked at COMMIT, when the new
-- table already carries the old name and every row.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE user_account_new (
	id		INTEGER PRIMARY KEY,
	email		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('admin', 'auditor',
			    'coordinator', 'monitor', 'editor', 'professional',
			    'client')),
	org_id		INTEGER REFERENCES organisation (id),
	region_code	TEXT REFERENCES region (code),
	password_hash	TEXT,
	lang		TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	CHECK (role = 'client' OR org_id IS NOT NULL)
) STRICT;
INSERT INTO user_account_new (id, email, name, role, org_id, region_code,
    password_hash, lang, active, created_at, updated_at)
    SELECT id, email, name, role, org_id, region_code, password_hash, lang,
    active, created_at, updated_at FROM user_account;
DROP TABLE user_account;
ALTER TABLE user_account_new RENAME TO user_account;

-- The client's own portal account, once activated.
ALTER TABLE client ADD COLUMN portal_user INTEGER
    REFERENCES user_account (id);
CREATE UNIQUE INDEX client_portal_user ON client (portal_user);

-- A one-time code a professional hands to the client to open their
-- portal account; only its hash is kept.
CREATE TABLE client_activation (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	code_hash	TEXT NOT NULL UNIQUE,
	created_by	INTEGER NOT NULL REFERENCES user_account (id),
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	used_at		INTEGER,
	user_id		INTEGER REFERENCES user_account (id)
) STRICT;
CREATE INDEX client_activation_client ON client_activation (client_id);

-- A referral (warme overdracht) of a client to another organisation's
-- fixed contact point, under the consent that covers it.
CREATE TABLE referral (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	from_org	INTEGER NOT NULL REFERENCES organisation (id),
	from_user	INTEGER NOT NULL REFERENCES user_account (id),
	contact_point_id INTEGER NOT NULL REFERENCES contact_point (id),
	to_org		INTEGER NOT NULL REFERENCES organisation (id),
	purpose		TEXT NOT NULL CHECK (purpose IN ('behandeling',
			    're-integratie', 'casuistiekoverleg')),
	question	TEXT NOT NULL,
	consent_id	INTEGER NOT NULL REFERENCES consent (id),
	status		TEXT NOT NULL CHECK (status IN ('verzonden',
			    'geaccepteerd', 'afgewezen', 'ingetrokken')),
	assigned_user	INTEGER REFERENCES user_account (id),
	answer		TEXT,
	answered_by	INTEGER REFERENCES user_account (id),
	answered_at	INTEGER,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX referral_client ON referral (client_id);
CREATE INDEX referral_cp ON referral (contact_point_id, status);
CREATE INDEX referral_from ON referral (from_user);

-- A business card the client handed to a professional: proposes that
-- professional for the care team; a team member accepts or declines.
CREATE TABLE team_proposal (
	id		INTEGER PRIMARY KEY,
	client_id	INTEGER NOT NULL REFERENCES client (id),
	user_id		INTEGER NOT NULL REFERENCES user_account (id),
	card_id		INTEGER NOT NULL REFERENCES card (id),
	proposed_at	INTEGER NOT NULL,
	status		TEXT NOT NULL CHECK (status IN ('voorgesteld',
			    'geaccepteerd', 'afgewezen')),
	answered_by	INTEGER REFERENCES user_account (id),
	answered_at	INTEGER
) STRICT;
CREATE INDEX team_proposal_client ON team_proposal (client_id, status);

-- The client's access log reads the audit log by client.
CREATE INDEX audit_event_client ON audit_event (client_id);
