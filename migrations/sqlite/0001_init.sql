-- 0001 the foundation: regions, organisations, accounts, business cards,
-- fixed contact points, sessions, API tokens, login throttling, audit log.
-- Times are Unix seconds (UTC); calendar dates are days since 1970-01-01.

CREATE TABLE setting (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) STRICT;

CREATE TABLE region (
	code		TEXT PRIMARY KEY CHECK (code GLOB 'AM[0-9][0-9]'),
	name		TEXT NOT NULL,
	year		INTEGER NOT NULL,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE municipality (
	code		TEXT PRIMARY KEY CHECK (code GLOB 'GM[0-9][0-9][0-9][0-9]'),
	name		TEXT NOT NULL,
	region_code	TEXT NOT NULL REFERENCES region (code),
	year		INTEGER NOT NULL,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE INDEX municipality_region ON municipality (region_code);
CREATE INDEX municipality_name ON municipality (lower(name));

CREATE TABLE organisation (
	id		INTEGER PRIMARY KEY,
	code		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	type		TEXT NOT NULL CHECK (type IN ('ggz', 'uwv', 'gemeente',
			    'werkgever', 'zorgverzekeraar', 'reintegratie',
			    'clientenorganisatie', 'overig')),
	municipality_code TEXT REFERENCES municipality (code),
	agb		TEXT,
	kvk		TEXT,
	phone		TEXT,
	email		TEXT,
	website		TEXT,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;

CREATE TABLE organisation_region (
	org_id		INTEGER NOT NULL REFERENCES organisation (id),
	region_code	TEXT NOT NULL REFERENCES region (code),
	PRIMARY KEY (org_id, region_code)
) STRICT;
CREATE INDEX organisation_region_region ON organisation_region (region_code);

CREATE TABLE user_account (
	id		INTEGER PRIMARY KEY,
	email		TEXT NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('admin', 'auditor',
			    'coordinator', 'monitor', 'editor', 'professional')),
	org_id		INTEGER NOT NULL REFERENCES organisation (id),
	region_code	TEXT REFERENCES region (code),
	password_hash	TEXT,
	lang		TEXT NOT NULL DEFAULT 'nl' CHECK (lang IN ('nl', 'en')),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;

-- A business card: a professional in the directory, with or without a login.
CREATE TABLE card (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER UNIQUE REFERENCES user_account (id),
	org_id		INTEGER NOT NULL REFERENCES organisation (id),
	name		TEXT NOT NULL,
	function	TEXT NOT NULL,
	phone		TEXT,
	email		TEXT,
	availability	TEXT,
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX card_org ON card (org_id);

-- A fixed contact point: organisation x region x domain, for a period.
-- Rows are never deleted: a change ends the current row and adds a new one.
CREATE TABLE contact_point (
	id		INTEGER PRIMARY KEY,
	org_id		INTEGER NOT NULL REFERENCES organisation (id),
	region_code	TEXT NOT NULL REFERENCES region (code),
	domain		TEXT NOT NULL CHECK (domain IN ('ggz', 'uwv', 'gemeente')),
	card_id		INTEGER NOT NULL REFERENCES card (id),
	deputy_card_id	INTEGER REFERENCES card (id),
	valid_from	INTEGER NOT NULL,
	valid_until	INTEGER,
	note		TEXT,
	created_by	INTEGER REFERENCES user_account (id),
	created_at	INTEGER NOT NULL,
	CHECK (valid_until IS NULL OR valid_until >= valid_from),
	CHECK (deputy_card_id IS NULL OR deputy_card_id <> card_id)
) STRICT;
CREATE INDEX contact_point_find ON contact_point (region_code, domain);
CREATE INDEX contact_point_org ON contact_point (org_id);

CREATE TABLE session (
	id_hash		TEXT PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user_account (id),
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	last_seen	INTEGER NOT NULL
) STRICT;
CREATE INDEX session_user ON session (user_id);

CREATE TABLE api_token (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES user_account (id),
	token_hash	TEXT NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	last_used	INTEGER,
	revoked_at	INTEGER
) STRICT;

-- Failed-login counters per account ('u:ID') and per address ('a:ADDR').
CREATE TABLE login_throttle (
	key		TEXT PRIMARY KEY,
	failures	INTEGER NOT NULL,
	window_start	INTEGER NOT NULL,
	locked_until	INTEGER NOT NULL DEFAULT 0
) STRICT;

-- NEN 7513 audit log, hash-chained: hash = BLAKE2b(prev_hash | fields).
-- audit_head holds the chain's last hash; updating it in the same
-- transaction serialises writers on every backend.
CREATE TABLE audit_event (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	event		TEXT NOT NULL,
	outcome		TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied')),
	user_id		INTEGER,
	org_id		INTEGER,
	role		TEXT,
	address		TEXT,
	object_type	TEXT,
	object_id	TEXT,
	client_id	INTEGER,
	purpose		TEXT,
	consent_id	INTEGER,
	detail		TEXT,
	prev_hash	TEXT NOT NULL,
	hash		TEXT NOT NULL
) STRICT;
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_user ON audit_event (user_id);

CREATE TABLE audit_head (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	last_id		INTEGER NOT NULL,
	last_hash	TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0,
    '0000000000000000000000000000000000000000000000000000000000000000');
