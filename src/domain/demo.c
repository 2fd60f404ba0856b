/* demo.c - a realistic synthetic data set for trying werkbrug.
 *
 * Everything is created through the domain functions (wb_org_add,
 * wb_card_add, wb_cp_set, wb_user_add) with the system actor, so the data
 * is validated and audited exactly like data entered by hand.  Names,
 * codes, phone numbers and e-mail addresses are invented and derived
 * deterministically from counters; only the demo passwords are random.
 * E-mail addresses and websites use the reserved .example domain.
 */
#include "domain/demo.h"
#include "domain/client.h"
#include "domain/consent.h"
#include "domain/fidelity.h"
#include "domain/trajectory.h"
#include "domain/measurement.h"
#include "domain/note.h"
#include "domain/plan.h"
#include "domain/team.h"
#include "domain/actor.h"
#include "domain/card.h"
#include "domain/contact_point.h"
#include "domain/organisation.h"
#include "domain/region.h"
#include "domain/user.h"
#include "base/time.h"

#include <sodium.h>

/* The demo accounts live in the region of this municipality
 * ('s-Hertogenbosch); its region code is looked up, not assumed. */
#define HOME_MUNICIPALITY	"GM0796"

/* Generated passwords: 16 characters without look-alikes (0/O, 1/l/I). */
#define PASSWORD_LEN		16
static const char pw_alphabet[] = "abcdefghijkmnpqrstuvwxyz"
    "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

#define MAX_CARDS		3

static const char *const first_names[] = { "Anouk", "Bram", "Charlotte",
    "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Iris", "Jesse", "Kim", "Lars",
    "Lotte", "Mohammed", "Noor", "Olivier", "Priya", "Ruben", "Sanne",
    "Thijs", "Ufuk", "Vera", "Willem", "Yasmin", "Zeynep", "Fatima", "Sem",
    "Julia", "Luuk", "Emma", "Ahmed", "Rachida", "Marieke", "Joost",
    "Esther", "Kevin", "Linda", "Mark", "Sandra", "Peter", "Ingrid", "Hans",
    "Monique", "Rob", "Dewi", "Stefan", "Naima" };

static const char *const last_names[] = { "de Vries", "Jansen",
    "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
    "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan",
    "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek",
    "de Bruijn", "de Jong", "van Dijk", "Schouten", "Willems", "Hoekstra",
    "Koster", "Prins", "Huisman", "Postma", "Kuipers", "Veenstra", "Kramer",
    "van Wijk", "Yilmaz", "El Amrani", "Bouzid", "Kaya", "Pinas", "Sedney",
    "Nguyen", "Wijaya", "Tahiri" };

static const char *const availability[] = { "ma–do 9.00–17.00",
    "ma–vr 8.30–16.30", "di, wo en vr 9.00–17.00",
    "ma, di en do 8.30–17.00", "ma–vr 9.00–12.30",
    "wo–vr 9.00–17.00; maandag via de vervanger" };

/* Second GGZ-instelling per region: "<prefix> Zorg" (invented names). */
static const char *const ggz_prefixes[] = { "Lindehof", "Kompasroos",
    "Noorderlicht", "Waterlelie", "Eikenburg", "Brugwachter", "Zonnewende",
    "Wilgenhof", "Duinroos", "Heideveld", "Rivierpark", "Polderhuis",
    "Klaproos", "Zeezicht", "Beukenlaan", "Vlasbloem", "Kasteeltuin",
    "Molenwiek", "Sterrenwacht", "Lichtbaken", "Dijkhuis", "Kreekrug",
    "Boomgaard", "Zandloper", "Ankerplaats", "Walnoot", "Berkenhof",
    "Hoeksteen", "Vogelzang", "Zilverberk", "Parelhoeve", "Esdoorn",
    "Korenbloem", "Oeverloop", "Tuinpad", "Schelpenhof" };

static const char *const employer_sectors[] = { "Techniek", "Logistiek",
    "Bouw", "Groenvoorziening", "Facilitair", "Metaal", "Schoonmaak",
    "Horeca" };

static const char *const reintegration_prefixes[] = { "Werkpad",
    "Stapvoor", "Opstap", "Koersvast", "Doorstart" };

/* Card functions per kind of organisation; the first card is the contact
 * person, the second the deputy. */
static const char *const fn_uwv[] = { "arbeidsdeskundige",
    "reintegratieadviseur", "verzekeringsarts" };
static const char *const fn_ggz1[] = { "ips-trajectbegeleider",
    "behandelaar", "casemanager" };
static const char *const fn_ggz2[] = { "casemanager", "ervaringsdeskundige",
    "behandelaar" };
static const char *const fn_gemeente[] = { "klantmanager",
    "consulent-werk-inkomen", "jobcoach" };
static const char *const fn_employer[] = { "projectleider", "overig" };
static const char *const fn_reintegration[] = { "jobcoach",
    "projectleider" };
static const char *const fn_client[] = { "overig", "projectleider" };
static const char *const fn_insurer[] = { "projectleider", "overig" };
static const char *const fn_other[] = { "projectleider", "overig",
    "jobcoach" };

/* One organisation to create, with the functions of its cards. */
struct orgspec {
	const char		*type, *code, *name, *municipality;
	const char		*agb, *kvk;
	const char *const	*regions;
	size_t			 nregions;
	const char *const	*functions;
	size_t			 nfunctions;
};

/* The running state of one fill. */
struct demo {
	struct wb_db		*db;
	struct wb_actor		 sys;
	struct wb_arena		*a;		/* the caller's: report */
	struct wb_arena		 tmp;		/* ours: lists read back */
	struct wb_demo_report	*r;
	unsigned		 person;	/* next synthetic person */
	unsigned		 orgseq;	/* organisations so far */
	int64_t			 from_now;	/* 1 January this year */
	int64_t			 from_old;	/* 1 January two years ago */
	const char		*home_region;	/* AMnn of HOME_MUNICIPALITY */
	const char		*home_region_name;
	char			 home_uwv[33], home_ggz[33], home_gem[33];
	char			 home_uwv_name[160], home_ggz_name[160];
	int64_t			 home_uwv_id, home_ggz_id;
	int64_t			 ggz_user, uwv_user;	/* demo logins */
	int64_t			 uwv_cp_card;	/* the home UWV contact person */
	char			 uwv_cp_name[128];
	char			 admin_org[33];
};

static int	fill(struct demo *d, struct wb_err *err);
static int	add_org(struct demo *d, const struct orgspec *s, int64_t *id,
		    int64_t cards[MAX_CARDS], struct wb_err *err);
static int	set_cp(struct demo *d, int64_t org_id, const char *region,
		    const char *domain, int64_t person, int64_t deputy,
		    int64_t from, struct wb_err *err);
static int	add_users(struct demo *d, struct wb_err *err);
static int	add_clients(struct demo *d, struct wb_err *err);
static int	add_fidelity(struct demo *d, struct wb_err *err);
static int	home_uwv_person(struct demo *d, struct wb_err *err);
static void	next_person(struct demo *d, char *name, size_t namelen,
		    char *local, size_t locallen);
static void	lower_ascii(const char *s, char *out, size_t n);
static char	*new_password(struct wb_arena *a);

int
wb_demo_is_empty(struct wb_db *db, bool *empty, struct wb_err *err)
{
	struct wb_stmt	*st = NULL;
	int64_t		 n = 0;
	int		 rc;

	rc = wb_db_prepare(db, Q_ORG_COUNT, &st, err);
	if (rc != 0)
		return rc;
	wb_stmt_bind_null(st, 1);
	rc = wb_stmt_exec_int64(st, &n, err);
	wb_stmt_release(st);
	if (rc != 0)
		return rc;
	*empty = n == 0;
	return 0;
}

int
wb_demo_fill(struct wb_db *db, struct wb_arena *a,
    struct wb_demo_report *report, struct wb_err *err)
{
	struct demo	 d;
	struct wb_err	 ignored;
	bool		 empty = false, sqlite;
	int		 rc, rc2;

	memset(report, 0, sizeof(*report));
	rc = wb_demo_is_empty(db, &empty, err);
	if (rc != 0)
		return rc;
	if (!empty)
		return wb_err_set(err, WB_ECONFLICT, "De database bevat al "
		    "organisaties; demogegevens worden alleen in een lege "
		    "database geladen.");
	if (sodium_init() < 0)
		return wb_err_set(err, WB_EIO, "libsodium did not initialise");

	memset(&d, 0, sizeof(d));
	d.db = db;
	d.sys = wb_actor_system();
	d.a = a;
	d.r = report;
	wb_arena_init(&d.tmp);

	/* Demo data goes into an empty database and is loaded in thousands of
	 * small transactions; with synchronous=FULL each one waits for the
	 * disk.  Losing a half-loaded demo on a power failure costs nothing,
	 * so SQLite may skip the syncs while loading.  The setting is put
	 * back afterwards, also when loading fails. */
	sqlite = strcmp(wb_db_backend(db), "sqlite") == 0;
	if (sqlite) {
		rc = wb_db_exec_script(db, "PRAGMA synchronous=OFF", err);
		if (rc != 0)
			goto out;
	}
	rc = fill(&d, err);
	if (sqlite) {
		rc2 = wb_db_exec_script(db, "PRAGMA synchronous=FULL",
		    rc == 0 ? err : &ignored);
		if (rc == 0)
			rc = rc2;
	}
out:
	wb_arena_free(&d.tmp);
	return rc;
}

/* Create every organisation, card and contact point, then the accounts.
 * Checks the preconditions before creating anything. */
static int
fill(struct demo *d, struct wb_err *err)
{
	struct wb_region	*regions = NULL;
	struct wb_municipality	 home;
	const char		**codes;
	size_t			 nregions = 0, i;
	int			 y, m, day, rc;

	rc = wb_region_list(d->db, &d->tmp, &regions, &nregions, err);
	if (rc != 0)
		return rc;
	if (nregions == 0)
		return wb_err_set(err, WB_EINVAL, "Laad eerst de "
		    "arbeidsmarktregio's (werkbrug regions import).");
	if (nregions > WB_ORG_MAX_REGIONS)
		return wb_err_set(err, WB_EINVAL, "Er zijn meer dan %d "
		    "regio's; een landelijke organisatie kan die niet "
		    "allemaal bedienen.", WB_ORG_MAX_REGIONS);
	rc = wb_municipality_get(d->db, HOME_MUNICIPALITY, &d->tmp, &home,
	    err);
	if (rc == WB_ENOTFOUND)
		return wb_err_set(err, WB_EINVAL, "Gemeente %s ontbreekt in "
		    "de regio-indeling; de demo-accounts horen daar.",
		    HOME_MUNICIPALITY);
	if (rc != 0)
		return rc;
	d->home_region = home.region_code;
	d->home_region_name = home.region_name;

	wb_civil_from_days(wb_today(), &y, &m, &day);
	d->from_now = wb_days_from_civil(y, 1, 1);
	d->from_old = wb_days_from_civil(y - 2, 1, 1);

	/* Two national organisations serve every region. */
	codes = wb_arena_array(&d->tmp, nregions, sizeof(*codes));
	for (i = 0; i < nregions; i++)
		codes[i] = regions[i].code;
	{
		const struct orgspec nat[] = {
			{ .type = "zorgverzekeraar", .code = "ZV-POLDERZORG",
			    .name = "Polderzorg Zorgverzekeringen",
			    .kvk = "90210001", .regions = codes,
			    .nregions = nregions, .functions = fn_insurer,
			    .nfunctions = WB_NELEM(fn_insurer) },
			{ .type = "overig", .code = "KC-WERK-PSYCHE",
			    .name = "Kenniscentrum Werk en Psyche",
			    .kvk = "90210002", .regions = codes,
			    .nregions = nregions, .functions = fn_other,
			    .nfunctions = WB_NELEM(fn_other) },
		};
		int64_t	id, cards[MAX_CARDS];

		for (i = 0; i < WB_NELEM(nat); i++) {
			rc = add_org(d, &nat[i], &id, cards, err);
			if (rc != 0)
				return rc;
		}
		snprintf(d->admin_org, sizeof(d->admin_org), "%s",
		    nat[1].code);
	}

	for (i = 0; i < nregions; i++) {
		const struct wb_region	*reg = &regions[i];
		const char *const	*one = &reg->code;
		struct wb_municipality	*mun = NULL, *gm[2];
		size_t			 nmun = 0, ngm, j, k;
		bool			 home_region;
		char			 code[33], name[160], agb[9], kvk[9];
		int64_t			 id, cards[MAX_CARDS];
		struct orgspec		 s;

		home_region = strcmp(reg->code, d->home_region) == 0;

		/* UWV-vestiging, with history: the re-integratieadviseur was
		 * the contact point until last year, the arbeidsdeskundige
		 * took over on 1 January. */
		snprintf(code, sizeof(code), "UWV-%s", reg->code);
		snprintf(name, sizeof(name), "UWV %s", reg->name);
		s = (struct orgspec){ .type = "uwv", .code = code,
		    .name = name, .regions = one, .nregions = 1,
		    .functions = fn_uwv, .nfunctions = WB_NELEM(fn_uwv) };
		rc = add_org(d, &s, &id, cards, err);
		if (rc == 0)
			rc = set_cp(d, id, reg->code, "uwv", cards[1],
			    cards[0], d->from_old, err);
		if (rc == 0)
			rc = set_cp(d, id, reg->code, "uwv", cards[0],
			    cards[1], d->from_now, err);
		if (rc != 0)
			return rc;
		if (home_region) {
			snprintf(d->home_uwv, sizeof(d->home_uwv), "%s",
			    code);
			snprintf(d->home_uwv_name, sizeof(d->home_uwv_name),
			    "%s", name);
			d->home_uwv_id = id;
		}

		/* Two GGZ-instellingen. */
		for (j = 0; j < 2; j++) {
			snprintf(code, sizeof(code), "GGZ-%s-%zu", reg->code,
			    j + 1);
			if (j == 0)
				snprintf(name, sizeof(name), "GGZ %s",
				    reg->name);
			else
				snprintf(name, sizeof(name), "%s Zorg",
				    ggz_prefixes[i % WB_NELEM(ggz_prefixes)]);
			snprintf(agb, sizeof(agb), "06%06u",
			    (unsigned)(100000 + 37 * d->orgseq));
			s = (struct orgspec){ .type = "ggz", .code = code,
			    .name = name, .agb = agb, .regions = one,
			    .nregions = 1,
			    .functions = j == 0 ? fn_ggz1 : fn_ggz2,
			    .nfunctions = j == 0 ? 3 : 2 + i % 2 };
			rc = add_org(d, &s, &id, cards, err);
			if (rc == 0)
				rc = set_cp(d, id, reg->code, "ggz",
				    cards[0], cards[1], d->from_now, err);
			if (rc != 0)
				return rc;
			if (home_region && j == 0) {
				snprintf(d->home_ggz, sizeof(d->home_ggz),
				    "%s", code);
				snprintf(d->home_ggz_name,
				    sizeof(d->home_ggz_name), "%s", name);
				d->home_ggz_id = id;
			}
		}

		/* Two gemeenten: the first two municipalities by name; in
		 * the home region the home municipality comes first. */
		rc = wb_region_municipalities(d->db, reg->code, &d->tmp, &mun,
		    &nmun, err);
		if (rc != 0)
			return rc;
		ngm = 0;
		if (home_region)
			gm[ngm++] = &home;
		for (k = 0; k < nmun && ngm < 2; k++)
			if (ngm == 0 || strcmp(mun[k].code, gm[0]->code) != 0)
				gm[ngm++] = &mun[k];
		for (j = 0; j < ngm; j++) {
			snprintf(code, sizeof(code), "GEM-%s", gm[j]->code);
			snprintf(name, sizeof(name), "Gemeente %s",
			    gm[j]->name);
			s = (struct orgspec){ .type = "gemeente",
			    .code = code, .name = name,
			    .municipality = gm[j]->code, .regions = one,
			    .nregions = 1, .functions = fn_gemeente,
			    .nfunctions = j == 0 ? 3 : 2 };
			rc = add_org(d, &s, &id, cards, err);
			if (rc == 0)
				rc = set_cp(d, id, reg->code, "gemeente",
				    cards[0], cards[1], d->from_now, err);
			if (rc != 0)
				return rc;
			if (home_region && j == 0)
				snprintf(d->home_gem, sizeof(d->home_gem),
				    "%s", code);
		}

		/* Werkgever, re-integratiebedrijf, cliëntenorganisatie. */
		for (j = 0; j < 3; j++) {
			const char	*type;

			snprintf(kvk, sizeof(kvk), "%08u",
			    (unsigned)(30000000 + 7919 * d->orgseq));
			if (j == 0) {
				type = "werkgever";
				snprintf(code, sizeof(code), "WG-%s",
				    reg->code);
				snprintf(name, sizeof(name), "%s %s B.V.",
				    employer_sectors[i %
				    WB_NELEM(employer_sectors)], reg->name);
				s.functions = fn_employer;
				s.nfunctions = WB_NELEM(fn_employer);
			} else if (j == 1) {
				type = "reintegratie";
				snprintf(code, sizeof(code), "RI-%s",
				    reg->code);
				snprintf(name, sizeof(name),
				    "%s Re-integratie %s",
				    reintegration_prefixes[i %
				    WB_NELEM(reintegration_prefixes)],
				    reg->name);
				s.functions = fn_reintegration;
				s.nfunctions = WB_NELEM(fn_reintegration);
			} else {
				type = "clientenorganisatie";
				snprintf(code, sizeof(code), "CO-%s",
				    reg->code);
				snprintf(name, sizeof(name),
				    "Herstelnetwerk %s", reg->name);
				s.functions = fn_client;
				s.nfunctions = WB_NELEM(fn_client);
			}
			s.type = type;
			s.code = code;
			s.name = name;
			s.municipality = NULL;
			s.agb = NULL;
			s.kvk = kvk;
			s.regions = one;
			s.nregions = 1;
			rc = add_org(d, &s, &id, cards, err);
			if (rc != 0)
				return rc;
		}
	}
	if (d->home_uwv_id == 0 || d->home_ggz_id == 0 ||
	    d->home_gem[0] == '\0')
		return wb_err_set(err, WB_EDB, "home region %s not filled",
		    d->home_region);
	rc = add_users(d, err);
	if (rc == 0)
		rc = add_clients(d, err);
	return rc != 0 ? rc : add_fidelity(d, err);
}

/* Create one organisation and its cards; cards[] gets the card ids
 * (0 where fewer than MAX_CARDS were made). */
static int
add_org(struct demo *d, const struct orgspec *s, int64_t *id,
    int64_t cards[MAX_CARDS], struct wb_err *err)
{
	struct wb_org	 o;
	char		 dom[40], phone[32], email[80], web[64];
	char		 name[128], local[48], cphone[32], cemail[128];
	unsigned	 block;
	size_t		 i;
	int		 rc;

	memset(cards, 0, MAX_CARDS * sizeof(cards[0]));
	d->orgseq++;
	block = 100 + d->orgseq % 900;
	lower_ascii(s->code, dom, sizeof(dom));
	snprintf(phone, sizeof(phone), "088 - %03u 00 00", block);
	snprintf(email, sizeof(email), "info@%s.example", dom);
	snprintf(web, sizeof(web), "https://www.%s.example", dom);

	memset(&o, 0, sizeof(o));
	o.code = s->code;
	o.name = s->name;
	o.type = s->type;
	o.municipality_code = s->municipality;
	o.agb = s->agb;
	o.kvk = s->kvk;
	o.phone = phone;
	o.email = email;
	o.website = web;
	o.active = true;
	if (WB_NEVER(s->nregions > WB_ORG_MAX_REGIONS))
		return wb_err_set(err, WB_EINVAL, "too many regions");
	for (i = 0; i < s->nregions; i++)
		o.regions[i] = s->regions[i];
	o.nregions = s->nregions;
	rc = wb_org_add(d->db, &d->sys, &o, id, err);
	if (rc != 0)
		return rc;
	d->r->organisations++;

	for (i = 0; i < s->nfunctions && i < MAX_CARDS; i++) {
		struct wb_card	c;

		next_person(d, name, sizeof(name), local, sizeof(local));
		snprintf(cphone, sizeof(cphone), "088 - %03u %02u %02u",
		    block, (unsigned)(20 + i),
		    (unsigned)((d->orgseq * 7 + i * 13) % 100));
		snprintf(cemail, sizeof(cemail), "%s@%s.example", local, dom);
		memset(&c, 0, sizeof(c));
		c.org_id = *id;
		c.name = name;
		c.function = s->functions[i];
		c.phone = cphone;
		c.email = cemail;
		c.availability = availability[(d->person + i) %
		    WB_NELEM(availability)];
		c.active = true;
		rc = wb_card_add(d->db, &d->sys, &c, &cards[i], err);
		if (rc != 0)
			return rc;
		d->r->cards++;
	}
	return 0;
}

/* Set the contact point of an organisation from day `from`, open-ended;
 * an earlier one of the same organisation, region and domain ends the
 * day before. */
static int
set_cp(struct demo *d, int64_t org_id, const char *region,
    const char *domain, int64_t person, int64_t deputy, int64_t from,
    struct wb_err *err)
{
	struct wb_cp_input	in = { .org_id = org_id, .region_code = region,
	    .domain = domain, .card_id = person, .deputy_card_id = deputy,
	    .valid_from = from, .valid_until = INT64_MIN };
	int64_t			id;
	int			rc;

	rc = wb_cp_set(d->db, &d->sys, &in, false, &id, err);
	if (rc == 0)
		d->r->contact_points++;
	return rc;
}

/* One demo account: e-mail, role, organisation code, Dutch description and
 * whether the account gets its own business card. */
struct account {
	const char	*email, *role, *org, *description;
	const char	*card_function;		/* NULL = no card */
	int64_t		 card_org_id;
};

/* Create one account per role in the home region, each with a fresh
 * random password returned in the report. */
static int
add_users(struct demo *d, struct wb_err *err)
{
	char		 coord[200], pro_ggz[256], pro_uwv[256];
	struct account	 acc[7];
	size_t		 i, n = 0;
	int		 rc;

	snprintf(coord, sizeof(coord), "Regiocoördinator %s (%s)",
	    d->home_region_name, d->home_region);
	snprintf(pro_ggz, sizeof(pro_ggz), "Professional bij %s, met eigen "
	    "visitekaartje", d->home_ggz_name);
	snprintf(pro_uwv, sizeof(pro_uwv), "Professional bij %s, met eigen "
	    "visitekaartje", d->home_uwv_name);
	acc[n++] = (struct account){ "admin@werkbrug.example", "admin",
	    d->admin_org, "Beheerder: organisaties, accounts en regio's",
	    NULL, 0 };
	acc[n++] = (struct account){ "auditor@werkbrug.example", "auditor",
	    d->admin_org, "Auditor: leest het auditlogboek", NULL, 0 };
	acc[n++] = (struct account){ "coordinator@werkbrug.example",
	    "coordinator", d->home_gem, coord, NULL, 0 };
	acc[n++] = (struct account){ "monitor@werkbrug.example", "monitor",
	    d->admin_org, "Monitor: bekijkt de cijfers per regio", NULL, 0 };
	acc[n++] = (struct account){ "redactie@werkbrug.example", "editor",
	    d->admin_org, "Redactie: beheert teksten en nieuws", NULL, 0 };
	acc[n++] = (struct account){ "ggz@werkbrug.example", "professional",
	    d->home_ggz, pro_ggz, "ips-trajectbegeleider", d->home_ggz_id };
	acc[n++] = (struct account){ "uwv@werkbrug.example", "professional",
	    d->home_uwv, pro_uwv, "arbeidsdeskundige", d->home_uwv_id };

	rc = home_uwv_person(d, err);
	if (rc != 0)
		return rc;
	d->r->logins = wb_arena_array(d->a, n, sizeof(*d->r->logins));
	for (i = 0; i < n; i++) {
		struct wb_user_input	 in;
		struct wb_demo_login	*l = &d->r->logins[i];
		char			 name[128], local[48];
		int64_t			 uid, cid;

		next_person(d, name, sizeof(name), local, sizeof(local));
		/* The UWV login is the home region's UWV contact person, so a
		 * referral there reaches a demo login. */
		if (acc[i].card_org_id == d->home_uwv_id && d->uwv_cp_card != 0)
			snprintf(name, sizeof(name), "%s", d->uwv_cp_name);
		l->email = acc[i].email;
		l->role = acc[i].role;
		l->description = wb_arena_strdup(d->a, acc[i].description);
		l->password = new_password(d->a);
		memset(&in, 0, sizeof(in));
		in.email = acc[i].email;
		in.name = name;
		in.role = acc[i].role;
		in.org_code = acc[i].org;
		in.region_code = strcmp(acc[i].role, "coordinator") == 0 ?
		    d->home_region : NULL;
		in.password = l->password;
		in.active = true;
		rc = wb_user_add(d->db, &d->sys, &in, &uid, err);
		if (rc != 0)
			return rc;
		d->r->users++;
		d->r->nlogins = i + 1;
		if (acc[i].card_org_id == d->home_ggz_id)
			d->ggz_user = uid;
		else if (acc[i].card_org_id == d->home_uwv_id)
			d->uwv_user = uid;
		if (acc[i].card_org_id == d->home_uwv_id &&
		    d->uwv_cp_card != 0) {
			rc = wb_card_link_user(d->db, &d->sys, d->uwv_cp_card,
			    uid, err);
			if (rc != 0)
				return rc;
		} else if (acc[i].card_function != NULL) {
			struct wb_card	c;

			memset(&c, 0, sizeof(c));
			c.user_id = uid;
			c.org_id = acc[i].card_org_id;
			c.name = name;
			c.function = acc[i].card_function;
			c.phone = "088 - 999 00 00";
			c.email = acc[i].email;
			c.availability = availability[0];
			c.active = true;
			rc = wb_card_add(d->db, &d->sys, &c, &cid, err);
			if (rc != 0)
				return rc;
			d->r->cards++;
		}
	}
	return 0;
}

/* A synthetic BSN that passes the 11-proef, in the 9999 range that real
 * numbers do not use; `seq` makes consecutive ones differ. */
static void
demo_bsn(unsigned seq, char out[10])
{
	unsigned	d[9], i, sum;

	for (;; seq += 1000) {
		snprintf(out, 10, "9999%04u", seq % 10000);
		for (i = 0, sum = 0; i < 8; i++) {
			d[i] = (unsigned)(out[i] - '0');
			sum += (9 - i) * d[i];
		}
		if (sum % 11 != 10)
			break;
	}
	out[8] = (char)('0' + sum % 11);
	out[9] = '\0';
}

/* The card of the home region's UWV contact person. */
static int
home_uwv_person(struct demo *d, struct wb_err *err)
{
	struct wb_cp	*cps;
	size_t		 n, i;
	int		 rc;

	rc = wb_cp_by_org(d->db, &d->sys, d->home_uwv_id, false, &d->tmp, &cps,
	    &n, err);
	for (i = 0; rc == 0 && i < n; i++)
		if (strcmp(cps[i].region_code, d->home_region) == 0 &&
		    strcmp(cps[i].domain, "uwv") == 0) {
			d->uwv_cp_card = cps[i].person.card_id;
			snprintf(d->uwv_cp_name, sizeof(d->uwv_cp_name), "%s",
			    cps[i].person.name);
		}
	return rc;
}

/* A plan with a care goal and a work goal, and a first note. */
static int
demo_plan(struct demo *d, const struct wb_actor *ggz, int64_t client,
    struct wb_err *err)
{
	struct wb_goal_input	g = { .client_id = client };
	struct wb_action_input	x = { .client_id = client,
	    .owner_user = ggz->user_id };
	char			soon[16], later[16], today[16];
	int64_t			care, work, id;
	int			rc;

	wb_date_nl(wb_today() + 21, soon, sizeof(soon));
	wb_date_nl(wb_today() + 120, later, sizeof(later));
	wb_date_nl(wb_today(), today, sizeof(today));
	g.track = "zorg";
	g.title = "Minder somberheid en beter slapen";
	g.target = "PHQ-9 onder de 10 bij de volgende meting";
	g.due_date = later;
	rc = wb_goal_add(d->db, ggz, &g, &care, err);
	if (rc != 0)
		return rc;
	g.track = "werk";
	g.title = "Betaald werk in de groenvoorziening";
	g.target = "16 uur per week betaald werk, tegen minstens het "
	    "minimumloon";
	rc = wb_goal_add(d->db, ggz, &g, &work, err);
	if (rc != 0)
		return rc;
	x.goal_id = care;
	x.title = "Slaapdagboek bijhouden en bespreken";
	x.due_date = soon;
	rc = wb_action_add(d->db, ggz, &x, &id, err);
	if (rc != 0)
		return rc;
	x.goal_id = work;
	x.title = "Beroepsprofiel maken (IPS)";
	rc = wb_action_add(d->db, ggz, &x, &id, err);
	if (rc != 0)
		return rc;
	return wb_note_add(d->db, ggz, client, "gesprek", today, "Intake "
	    "gehad. De cliënt wil graag buiten werken, liefst dichtbij huis.",
	    &id, err);
}

/* A handful of clients of the GGZ login in the home region, with their
 * teams and consents, so the client pages have something to show: the
 * first two have a consent for the UWV login (the first one including
 * health), the UWV login is on their team; the others only GGZ. */
/* Client number i's route to work, so "Trajecten" and "Uitkomsten" show
 * something: IPS with a contact on day 12 and a 16-hour job on day 40,
 * IPS-CMD still searching, Werk als beste Zorg just referred, jobcoaching
 * with a small job that is no job start, and no trajectory.  The first
 * two gave a monitoring consent, so they count in the region (where,
 * being fewer than 10, they show as "<10"). */
static int
demo_trajectory(struct demo *d, const struct wb_actor *ggz, int64_t client,
    size_t i, struct wb_err *err)
{
	static const struct {
		const char	*iv;
		int		 started;	/* days ago; 0 = referred */
		int		 contact;	/* day of first contact, or 0 */
		int		 job;		/* day of a job, or 0 */
		const char	*hours;
	} spec[] = {
		{ "ips", 120, 12, 40, "16" },
		{ "ips-cmd", 60, 20, 0, NULL },
		{ "wabz", 0, 0, 0, NULL },
		{ "jobcoaching", 90, 5, 30, "3" },
	};
	struct wb_trajectory_input	ti;
	struct wb_milestone_input	mi;
	struct wb_consent_input		ci;
	char				day[16], until[16];
	int64_t				tr, id;
	int				rc;

	if (i >= WB_NELEM(spec))
		return 0;
	memset(&ti, 0, sizeof(ti));
	ti.client_id = client;
	ti.intervention = spec[i].iv;
	if (spec[i].started > 0) {
		wb_date_iso(wb_today() - spec[i].started, day, sizeof(day));
		ti.start_date = day;
	} else {
		wb_date_iso(wb_today() - 7, day, sizeof(day));
		ti.referral_date = day;
	}
	rc = wb_trajectory_add(d->db, ggz, &ti, &tr, err);
	memset(&mi, 0, sizeof(mi));
	mi.client_id = client;
	mi.trajectory_id = tr;
	mi.date = day;
	if (rc == 0 && spec[i].contact > 0) {
		wb_date_iso(wb_today() - spec[i].started + 2, day,
		    sizeof(day));
		mi.type = "profile";
		rc = wb_milestone_add(d->db, ggz, &mi, &id, err);
		wb_date_iso(wb_today() - spec[i].started + spec[i].contact,
		    day, sizeof(day));
		mi.type = "employer-contact";
		if (rc == 0)
			rc = wb_milestone_add(d->db, ggz, &mi, &id, err);
	}
	if (rc == 0 && spec[i].job > 0) {
		wb_date_iso(wb_today() - spec[i].started + spec[i].job, day,
		    sizeof(day));
		mi.type = "job-start";
		mi.employer = "Bakkerij De Korenbloem";
		mi.hours = spec[i].hours;
		mi.competitive = 1;
		mi.min_wage = 1;
		mi.contract = "tijdelijk";
		rc = wb_milestone_add(d->db, ggz, &mi, &id, err);
	}
	/* the participatieladder at the start and two months later */
	if (rc == 0 && spec[i].started > 0) {
		static const int from[] = { 2, 3, 1, 3 }, to[] = { 5, 4, 3, 3 };
		struct wb_measurement_input	mm;
		const char			*band;
		int				 total, k;

		for (k = 0; rc == 0 && k < 2; k++) {
			wb_date_iso(wb_today() - spec[i].started + 60 * k, day,
			    sizeof(day));
			memset(&mm, 0, sizeof(mm));
			mm.client_id = client;
			mm.instrument = "ladder";
			mm.date = day;
			mm.has_value = true;
			mm.value = k == 0 ? from[i] : to[i];
			rc = wb_measurement_add(d->db, ggz, &mm, &id, &total,
			    &band, err);
		}
	}
	if (rc != 0 || i > 1)
		return rc;
	memset(&ci, 0, sizeof(ci));
	wb_date_nl(wb_today(), day, sizeof(day));
	wb_date_nl(wb_today() + 730, until, sizeof(until));
	ci.client_id = client;
	ci.org_id = ggz->org_id;
	ci.purpose = "monitoring";
	ci.categories = WB_CAT_WORK | WB_CAT_HEALTH;
	ci.valid_from = day;
	ci.valid_until = until;
	ci.method = "schriftelijk";
	ci.evidence = "Demo: getekend formulier in het GGZ-dossier";
	return wb_consent_grant(d->db, ggz, &ci, &id, err);
}

static int
add_clients(struct demo *d, struct wb_err *err)
{
	static const struct {
		const char	*benefit, *target, *born;
		unsigned	 uwv;	/* categories consented to UWV */
	} spec[] = {
		{ "wia-wga", "epa", "14-03-1986", WB_CAT_IDENTITY |
		    WB_CAT_WORK | WB_CAT_HEALTH | WB_CAT_PLAN },
		{ "wajong", "cmd", "02-11-1997", WB_CAT_IDENTITY |
		    WB_CAT_WORK | WB_CAT_PLAN },
		{ "participatiewet", "epa", "27-06-1979", 0 },
		{ "zw", "cmd", "09-09-1990", 0 },
		{ "ww", "overig", "30-01-1968", 0 },
	};
	struct wb_actor	ggz = { .user_id = d->ggz_user, .org_id = d->home_ggz_id,
	    .role = WB_ROLE_PROFESSIONAL, .address = "demo", .via = "cli" };
	char		from[16], until[16];
	size_t		i;
	int		rc;

	wb_date_nl(wb_today(), from, sizeof(from));
	wb_date_nl(wb_today() + 365, until, sizeof(until));
	for (i = 0; i < WB_NELEM(spec); i++) {
		struct wb_client_input	in;
		struct wb_consent_input	ci;
		char			name[128], local[48], bsn[10];
		char			*family;
		int64_t			id, cid, mid;

		next_person(d, name, sizeof(name), local, sizeof(local));
		demo_bsn((unsigned)(i * 37 + 11), bsn);
		memset(&in, 0, sizeof(in));
		in.bsn = bsn;
		/* "Sanne van den Berg": given name, then the family name
		 * with its tussenvoegsel. */
		family = strchr(name, ' ');
		if (family == NULL)
			return wb_err_set(err, WB_EDB, "demo name %s", name);
		*family++ = '\0';
		in.given_name = name;
		in.family_name = family;
		in.birth_date = spec[i].born;
		in.phone = "06 - 1234 5678";
		in.municipality = HOME_MUNICIPALITY;
		in.benefit = spec[i].benefit;
		in.target_group = spec[i].target;
		in.function = "ips-trajectbegeleider";
		rc = wb_client_register(d->db, &ggz, &in, &id, err);
		if (rc != 0)
			return rc;
		d->r->clients++;
		if (i == 0 && (rc = demo_plan(d, &ggz, id, err)) != 0)
			return rc;
		if ((rc = demo_trajectory(d, &ggz, id, i, err)) != 0)
			return rc;
		if (spec[i].uwv == 0)
			continue;
		memset(&ci, 0, sizeof(ci));
		ci.client_id = id;
		ci.org_id = d->home_uwv_id;
		ci.purpose = "re-integratie";
		ci.categories = spec[i].uwv;
		ci.valid_from = from;
		ci.valid_until = until;
		ci.method = "schriftelijk";
		ci.evidence = "Demo: getekend formulier in het GGZ-dossier";
		rc = wb_consent_grant(d->db, &ggz, &ci, &cid, err);
		if (rc == 0)
			rc = wb_team_add(d->db, &ggz, id, d->uwv_user,
			    "arbeidsdeskundige", &mid, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* IPS-25 fidelity reviews of the home GGZ institution's IPS teams, made
 * by the GGZ login, so "Trouw (IPS-25)" shows a trend: the EPA team went
 * from fair to good in a year; the CMD team had its first review. */
static int
add_fidelity(struct demo *d, struct wb_err *err)
{
	static const struct {
		const char	*programme, *intervention;
		int		 days_ago;
		int64_t		 scores[WB_FIDELITY_NITEMS];
		const char	*actions;
	} spec[] = {
		{ "IPS-team EPA", "ips", 420, { 3, 3, 4, 4, 3, 3, 3, 4, 4, 4,
		    3, 3, 4, 3, 4, 4, 3, 3, 4, 4, 4, 3, 4, 3, 3 },
		    "Caseload per trajectbegeleider terug naar 20.\n"
		    "Wekelijks werkgeversbezoek plannen." },
		{ "IPS-team EPA", "ips", 60, { 4, 4, 5, 5, 4, 4, 4, 4, 5, 5,
		    4, 4, 4, 4, 5, 5, 4, 4, 4, 4, 5, 4, 5, 4, 4 },
		    "Samenwerking met UWV vastleggen in een werkafspraak." },
		{ "IPS bij CMD", "ips-cmd", 30, { 3, 3, 4, 4, 3, 3, 3, 3, 4,
		    4, 3, 3, 3, 3, 4, 4, 3, 3, 3, 3, 4, 3, 3, 3, 3 },
		    "Opnieuw beoordelen over zes maanden." },
	};
	struct wb_actor	ggz = { .user_id = d->ggz_user,
	    .org_id = d->home_ggz_id, .role = WB_ROLE_PROFESSIONAL,
	    .address = "demo", .via = "cli" };
	size_t		i;
	int		rc;

	for (i = 0; i < WB_NELEM(spec); i++) {
		struct wb_fidelity_input	in = {
		    .org = d->home_ggz, .programme = spec[i].programme,
		    .intervention = spec[i].intervention,
		    .reviewers = "Demo: twee beoordelaars van het "
		    "Kenniscentrum Werk en Psyche",
		    .action_points = spec[i].actions,
		    .scores = spec[i].scores, .nscores = WB_FIDELITY_NITEMS };
		char				date[16];
		int64_t				id;

		wb_date_nl(wb_today() - spec[i].days_ago, date, sizeof(date));
		in.review_date = date;
		rc = wb_fidelity_add(d->db, &ggz, &in, &id, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* The next synthetic person: "Sanne van den Berg" and the e-mail local
 * part "s.vandenberg".  Deterministic; consecutive people differ. */
static void
next_person(struct demo *d, char *name, size_t namelen, char *local,
    size_t locallen)
{
	unsigned	 k = d->person++;
	const char	*first, *last, *p;
	size_t		 o = 0;

	first = first_names[(k * 7 + 3) % WB_NELEM(first_names)];
	last = last_names[(k * 13 + k / WB_NELEM(last_names)) %
	    WB_NELEM(last_names)];
	snprintf(name, namelen, "%s %s", first, last);
	if (locallen < 3)
		return;
	local[o++] = (char)(first[0] - 'A' + 'a');
	local[o++] = '.';
	for (p = last; *p != '\0' && o + 1 < locallen; p++) {
		if (*p >= 'A' && *p <= 'Z')
			local[o++] = (char)(*p - 'A' + 'a');
		else if (*p >= 'a' && *p <= 'z')
			local[o++] = *p;
	}
	local[o] = '\0';
}

/* Copy s lowercased (ASCII) into out of n bytes. */
static void
lower_ascii(const char *s, char *out, size_t n)
{
	size_t	i;

	for (i = 0; s[i] != '\0' && i + 1 < n; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ?
		    (char)(s[i] - 'A' + 'a') : s[i];
	out[i] = '\0';
}

/* A random password of PASSWORD_LEN characters from pw_alphabet, in a. */
static char *
new_password(struct wb_arena *a)
{
	char	*pw = wb_arena_alloc(a, PASSWORD_LEN + 1);
	size_t	 i;

	for (i = 0; i < PASSWORD_LEN; i++)
		pw[i] = pw_alphabet[randombytes_uniform(
		    (uint32_t)(sizeof(pw_alphabet) - 1))];
	pw[PASSWORD_LEN] = '\0';
	return pw;
}
