-- bench/outcomes_gen.sql - fills a werkbrug SQLite database (after init and
-- demo) with bench_n clients spread over the 35 regions, each with a
-- trajectory (a fifth a second one), employer contacts, jobs, ladder and
-- PHQ-9 measurements and, for 70 %, a monitoring consent.  Deterministic:
-- "random" numbers are multiplicative hashes of the row id.  The caller
-- sets bench_n and bench_today (days since 1970) in the temp table p.
--   sqlite3 DB "CREATE TEMP TABLE p (n, today); INSERT INTO p VALUES
--       (1000000, 20600);" ".read bench/outcomes_gen.sql"
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
PRAGMA journal_mode = OFF;
BEGIN;
INSERT INTO organisation (code, name, type, created_at, updated_at)
    SELECT 'BENCH-' || code, 'Bench GGZ ' || name, 'ggz', 0, 0 FROM region;
INSERT INTO organisation_region (org_id, region_code)
    SELECT o.id, r.code FROM region r JOIN organisation o
    ON o.code = 'BENCH-' || r.code;
CREATE TEMP TABLE mun AS SELECT row_number() OVER (ORDER BY code) - 1 AS k,
    code, region_code FROM municipality WHERE active = 1;
CREATE TEMP TABLE first_client AS SELECT coalesce(max(id), 0) AS id
    FROM client;

WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s
    WHERE i < (SELECT n FROM p))
INSERT INTO client (given_name, family_name, birth_date, municipality_code,
    benefit, registered_org, created_at, updated_at)
SELECT 'Bench', 'Cliënt', 3650 + s.i % 12000, m.code,
    CASE s.i % 4 WHEN 0 THEN 'wajong' WHEN 1 THEN 'wia-wga'
    WHEN 2 THEN 'participatiewet' ELSE 'ww' END, o.id, 0, 0
FROM s JOIN mun m ON m.k = (s.i * 7919) % (SELECT count(*) FROM mun)
JOIN organisation o ON o.code = 'BENCH-' || m.region_code;

-- Trajectories: start spread over four years; 40 % ended.
CREATE TEMP TABLE t0 AS
SELECT k.id AS client, k.registered_org AS org, m.region_code AS region,
    (SELECT today FROM p) - 1460 + (k.id * 37) % 1450 AS sd,
    30 + (k.id * 13) % 700 AS dur, k.id % 10 AS r10, k.id AS h
FROM client k JOIN municipality m ON m.code = k.municipality_code
WHERE k.id > (SELECT id FROM first_client)
UNION ALL
SELECT k.id, k.registered_org, m.region_code,
    (SELECT today FROM p) - 700 + (k.id * 53) % 690, 60 + (k.id * 17) % 500,
    (k.id * 3) % 10, k.id * 7
FROM client k JOIN municipality m ON m.code = k.municipality_code
WHERE k.id > (SELECT id FROM first_client) AND k.id % 5 = 0;

INSERT INTO trajectory (client_id, intervention, org_id, region_code,
    start_date, status, end_date, end_reason, first_contact_date,
    created_at, updated_at)
SELECT client,
    CASE (h * 40503) % 9 WHEN 0 THEN 'ips' WHEN 1 THEN 'ips' WHEN 2 THEN 'ips'
    WHEN 3 THEN 'ips-cmd' WHEN 4 THEN 'wabz' WHEN 5 THEN 'grip-op-werk'
    WHEN 6 THEN 'krachtwerk' WHEN 7 THEN 'jobcoaching' ELSE 'matching' END,
    org, region, sd,
    CASE WHEN r10 < 4 AND sd + dur < (SELECT today FROM p) THEN 'afgerond'
    ELSE 'actief' END,
    CASE WHEN r10 < 4 AND sd + dur < (SELECT today FROM p) THEN sd + dur
    END, NULL,
    CASE WHEN r10 < 8 AND sd + (h * 7) % 60 <= (SELECT today FROM p)
    THEN sd + (h * 7) % 60 END, 0, 0
FROM t0;
DROP TABLE t0;

-- One employer-contact milestone per first contact, and a profile.
INSERT INTO milestone (trajectory_id, client_id, type, on_date, created_at)
SELECT id, client_id, 'employer-contact', first_contact_date, 0
FROM trajectory WHERE first_contact_date IS NOT NULL
    AND client_id > (SELECT id FROM first_client);
INSERT INTO milestone (trajectory_id, client_id, type, on_date, created_at)
SELECT id, client_id, 'profile', start_date + 3, 0 FROM trajectory
WHERE client_id > (SELECT id FROM first_client)
    AND start_date + 3 <= (SELECT today FROM p);

-- Jobs for half of the trajectories with a contact; one in seven is a
-- 3-hour job, one in six not competitive, a third ended.
INSERT INTO job (trajectory_id, client_id, employer, minutes_per_week,
    competitive, min_wage, contract, start_date, end_date, created_at,
    updated_at)
SELECT id, client_id, 'Werkgever ' || (id % 997),
    CASE id % 7 WHEN 0 THEN 180 ELSE 480 + (id % 5) * 240 END,
    CASE WHEN id % 6 = 0 THEN 0 ELSE 1 END, 1,
    CASE id % 3 WHEN 0 THEN 'vast' ELSE 'tijdelijk' END,
    first_contact_date + 10 + (id * 11) % 120,
    CASE WHEN id % 3 = 0 AND first_contact_date + 10 + (id * 11) % 120 +
    40 + id % 300 <= (SELECT today FROM p) THEN first_contact_date + 10 +
    (id * 11) % 120 + 40 + id % 300 END, 0, 0
FROM trajectory WHERE first_contact_date IS NOT NULL AND id % 2 = 0
    AND client_id > (SELECT id FROM first_client)
    AND first_contact_date + 10 + (id * 11) % 120 <= (SELECT today FROM p);

-- The ladder at intake and 90 days later; PHQ-9 twice for 30 %.
INSERT INTO measurement (client_id, instrument, on_date, value, source,
    created_at)
SELECT client_id, 'ladder', start_date, 1 + client_id % 4, 'professional', 0
FROM trajectory WHERE client_id > (SELECT id FROM first_client)
UNION ALL
SELECT client_id, 'ladder', start_date + 90, 1 + (client_id * 7) % 6,
    'professional', 0 FROM trajectory
WHERE client_id > (SELECT id FROM first_client)
    AND start_date + 90 <= (SELECT today FROM p)
UNION ALL
SELECT client_id, 'phq9', start_date, 5 + client_id % 20, 'professional', 0
FROM trajectory WHERE client_id > (SELECT id FROM first_client)
    AND client_id % 10 < 3
UNION ALL
SELECT client_id, 'phq9', start_date + 120, 2 + (client_id * 3) % 20,
    'professional', 0 FROM trajectory
WHERE client_id > (SELECT id FROM first_client) AND client_id % 10 < 3
    AND start_date + 120 <= (SELECT today FROM p);

-- A monitoring consent (work & income and health) for 70 %.
INSERT INTO consent (client_id, org_id, purpose, categories, valid_from,
    valid_until, method, recorded_at)
SELECT id, registered_org, 'monitoring', 6, 0, (SELECT today FROM p) + 3650,
    'schriftelijk', 0 FROM client
WHERE id > (SELECT id FROM first_client) AND id % 10 < 7;
COMMIT;
ANALYZE;
