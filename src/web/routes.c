/* routes.c - the route table: every URL werkbrug answers, who may call it
 * and every parameter it accepts.  Anything not declared here is refused
 * before a handler runs.  Paths are Dutch for pages, English for the API.
 */
#include "web/handlers.h"
#include "base/limits.h"
#include "domain/fidelity.h"
#include "domain/target.h"
#include "domain/trajectory.h"

static const char *const domains[] = { "ggz", "uwv", "gemeente", NULL };
static const char *const langs[] = { "nl", "en", NULL };
static const char *const org_types[] = { "ggz", "uwv", "gemeente",
    "werkgever", "zorgverzekeraar", "reintegratie", "clientenorganisatie",
    "overig", NULL };
static const char *const roles[] = { "admin", "auditor", "coordinator",
    "monitor", "editor", "professional", NULL };
static const char *const functions[] = { "behandelaar",
    "ips-trajectbegeleider", "casemanager", "ervaringsdeskundige",
    "arbeidsdeskundige", "reintegratieadviseur", "verzekeringsarts",
    "klantmanager", "consulent-werk-inkomen", "jobcoach", "psychiater",
    "psycholoog", "projectleider", "overig", NULL };
static const char *const outcomes[] = { "allowed", "denied", NULL };
static const char *const import_kinds[] = { "organisaties", "contactpunten",
    NULL };

static const char *const benefits[] = { "wajong", "wia-wga", "wia-iva",
    "wao", "waz", "zw", "ww", "participatiewet", "geen", NULL };
static const char *const target_groups[] = { "epa", "cmd", "overig", NULL };
static const char *const purposes[] = { "behandeling", "re-integratie",
    "casuistiekoverleg", "monitoring", NULL };
static const char *const categories[] = { "identity", "work", "health",
    "plan", "notes", NULL };
static const char *const consent_methods[] = { "schriftelijk", "mondeling",
    NULL };

static const char *const tracks[] = { "zorg", "werk", "inkomen",
    "dagbesteding", NULL };
static const char *const note_kinds[] = { "gesprek", "telefoon", "mail",
    "notitie", NULL };
/* The instruments of instrument.c by kind: answered item by item, and
 * licensed (a total only). */
static const char *const questionnaires[] = { "phq9", "gad7", "k10", NULL };
static const char *const licensed[] = { "oq45", "scl90", "honos", "mansa",
    "whodas12", NULL };

#define REQ	WB_P_REQUIRED
#define END	{ NULL, 0, 0, 0, 0, NULL, NULL }

static const struct wb_param p_none[] = { END };
static const struct wb_param p_static[] = {
	{ "name", WB_P_TEXT, REQ, 0, 64, NULL, NULL }, END };
static const struct wb_param p_login_form[] = {
	{ "terug", WB_P_PATH, 0, 0, 0, NULL, NULL }, END };
static const struct wb_param p_login[] = {
	{ "email", WB_P_TEXT, REQ, 0, 254, NULL, "E-mailadres" },
	{ "password", WB_P_SECRET, REQ, 0, WB_MAX_PASSWORD, NULL,
	    "Wachtwoord" },
	{ "terug", WB_P_PATH, 0, 0, 0, NULL, NULL }, END };
static const struct wb_param p_lang[] = {
	{ "lang", WB_P_ENUM, REQ, 0, 0, langs, NULL },
	{ "terug", WB_P_PATH, 0, 0, 0, NULL, NULL }, END };
static const struct wb_param p_region[] = {
	{ "code", WB_P_REGION, REQ, 0, 0, NULL, NULL }, END };
static const struct wb_param p_find[] = {
	{ "q", WB_P_TEXT, 0, 0, 100, NULL, "Gemeente of regio" },
	{ "gemeente", WB_P_MUNICIPALITY, 0, 0, 0, NULL, "Gemeente" },
	{ "regio", WB_P_REGION, 0, 0, 0, NULL, "Regio" },
	{ "domain", WB_P_ENUM, 0, 0, 0, domains, "Domein" }, END };
static const struct wb_param p_orgs[] = {
	{ "type", WB_P_ENUM, 0, 0, 0, org_types, NULL },
	{ "pagina", WB_P_INT, 0, 1, 100000, NULL, NULL }, END };
static const struct wb_param p_org[] = {
	{ "code", WB_P_CODE, REQ, 0, 32, NULL, NULL },
	{ "historie", WB_P_CHECKBOX, 0, 0, 0, NULL, NULL }, END };
static const struct wb_param p_id[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const struct wb_param p_org_form[] = {
	{ "code", WB_P_CODE, 0, 0, 32, NULL, "Code" },
	{ "regio", WB_P_REGION, 0, 0, 0, NULL, NULL }, END };
#define ORG_FIELDS \
	{ "name", WB_P_TEXT, REQ, 0, 200, NULL, "Naam" }, \
	{ "type", WB_P_ENUM, REQ, 0, 0, org_types, "Soort organisatie" }, \
	{ "region", WB_P_REGION, WB_P_MULTI, 0, 0, NULL, "Regio" }, \
	{ "municipality", WB_P_MUNICIPALITY, 0, 0, 0, NULL, "Gemeentecode" }, \
	{ "agb", WB_P_TEXT, 0, 0, 8, NULL, "AGB-code" }, \
	{ "kvk", WB_P_TEXT, 0, 0, 8, NULL, "KvK-nummer" }, \
	{ "phone", WB_P_TEXT, 0, 0, 30, NULL, "Telefoon" }, \
	{ "email", WB_P_TEXT, 0, 0, 254, NULL, "E-mailadres" }, \
	{ "website", WB_P_TEXT, 0, 0, 200, NULL, "Website" }
static const struct wb_param p_org_new[] = {
	{ "code", WB_P_CODE, REQ, 0, 32, NULL, "Code" },
	ORG_FIELDS, END };
static const struct wb_param p_org_edit[] = {
	{ "code", WB_P_CODE, REQ, 0, 32, NULL, "Code" },
	ORG_FIELDS,
	{ "active", WB_P_CHECKBOX, 0, 0, 0, NULL, "Actief" }, END };
#define CARD_FIELDS \
	{ "name", WB_P_TEXT, REQ, 0, 100, NULL, "Naam" }, \
	{ "function", WB_P_ENUM, REQ, 0, 0, functions, "Functie" }, \
	{ "phone", WB_P_TEXT, 0, 0, 30, NULL, "Telefoon" }, \
	{ "email", WB_P_TEXT, 0, 0, 254, NULL, "E-mailadres" }, \
	{ "availability", WB_P_LINES, 0, 0, 300, NULL, "Bereikbaarheid" }
static const struct wb_param p_card_new_form[] = {
	{ "code", WB_P_CODE, REQ, 0, 32, NULL, NULL }, END };
static const struct wb_param p_card_new[] = {
	{ "code", WB_P_CODE, REQ, 0, 32, NULL, NULL },
	CARD_FIELDS, END };
static const struct wb_param p_card_edit[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	CARD_FIELDS,
	{ "active", WB_P_CHECKBOX, 0, 0, 0, NULL, "Actief" }, END };
static const struct wb_param p_my_card[] = { CARD_FIELDS, END };
static const struct wb_param p_cp_new_form[] = {
	{ "code", WB_P_REGION, REQ, 0, 0, NULL, NULL },
	{ "org", WB_P_CODE, 0, 0, 32, NULL, NULL },
	{ "domain", WB_P_ENUM, 0, 0, 0, domains, NULL }, END };
static const struct wb_param p_cp_new[] = {
	{ "code", WB_P_REGION, REQ, 0, 0, NULL, NULL },
	{ "org", WB_P_CODE, REQ, 0, 32, NULL, "Organisatie" },
	{ "domain", WB_P_ENUM, REQ, 0, 0, domains, "Domein" },
	{ "card", WB_P_INT, REQ, 1, INT64_MAX, NULL, "Contactpersoon" },
	{ "deputy", WB_P_INT, 0, 1, INT64_MAX, NULL, "Vervanger" },
	{ "valid_from", WB_P_DATE, REQ, 0, 0, NULL, "Geldig vanaf" },
	{ "valid_until", WB_P_DATE, 0, 0, 0, NULL, "Geldig tot en met" },
	{ "note", WB_P_TEXT, 0, 0, 300, NULL, "Toelichting" }, END };
static const struct wb_param p_cp_end[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "until", WB_P_DATE, REQ, 0, 0, NULL, "Einddatum" },
	{ "regio", WB_P_REGION, 0, 0, 0, NULL, NULL }, END };
static const struct wb_param p_users[] = {
	{ "pagina", WB_P_INT, 0, 1, 100000, NULL, NULL }, END };
#define USER_FIELDS \
	{ "name", WB_P_TEXT, REQ, 0, 100, NULL, "Naam" }, \
	{ "role", WB_P_ENUM, REQ, 0, 0, roles, "Rol" }, \
	{ "org", WB_P_CODE, REQ, 0, 32, NULL, "Organisatie" }, \
	{ "region", WB_P_REGION, 0, 0, 0, NULL, "Regio" }
static const struct wb_param p_user_new[] = {
	{ "email", WB_P_EMAIL, REQ, 0, 0, NULL, "E-mailadres" },
	USER_FIELDS,
	{ "password", WB_P_SECRET, REQ, 0, WB_MAX_PASSWORD, NULL,
	    "Wachtwoord" }, END };
static const struct wb_param p_user_edit[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	USER_FIELDS,
	{ "active", WB_P_CHECKBOX, 0, 0, 0, NULL, "Actief" },
	{ "password", WB_P_SECRET, 0, 0, WB_MAX_PASSWORD, NULL,
	    "Nieuw wachtwoord" }, END };
static const struct wb_param p_import[] = {
	{ "kind", WB_P_ENUM, REQ, 0, 0, import_kinds, "Soort bestand" },
	{ "file", WB_P_LINES, REQ, 0, 0, NULL, "Bestand" }, END };
static const struct wb_param p_export[] = {
	{ "regio", WB_P_REGION, 0, 0, 0, NULL, NULL }, END };
static const struct wb_param p_audit[] = {
	{ "user", WB_P_INT, 0, 1, INT64_MAX, NULL, "Gebruiker (id)" },
	{ "org", WB_P_CODE, 0, 0, 32, NULL, "Organisatie" },
	{ "client", WB_P_INT, 0, 1, INT64_MAX, NULL, "Cliënt (id)" },
	{ "event", WB_P_TEXT, 0, 0, 64, NULL, "Gebeurtenis" },
	{ "outcome", WB_P_ENUM, 0, 0, 0, outcomes, "Uitkomst" },
	{ "from", WB_P_DATE, 0, 0, 0, NULL, "Vanaf" },
	{ "until", WB_P_DATE, 0, 0, 0, NULL, "Tot en met" },
	{ "pagina", WB_P_INT, 0, 1, 100000, NULL, NULL }, END };
#define CLIENT_FIELDS \
	{ "given_name", WB_P_TEXT, 0, 0, 100, NULL, "Voornaam" }, \
	{ "family_name", WB_P_TEXT, 0, 0, 100, NULL, "Achternaam" }, \
	{ "birth_date", WB_P_DATE, 0, 0, 0, NULL, "Geboortedatum" }, \
	{ "phone", WB_P_TEXT, 0, 0, 30, NULL, "Telefoon" }, \
	{ "email", WB_P_TEXT, 0, 0, 254, NULL, "E-mailadres" }, \
	{ "address", WB_P_TEXT, 0, 0, 200, NULL, "Adres" }, \
	{ "municipality", WB_P_MUNICIPALITY, 0, 0, 0, NULL, "Woonplaats" }, \
	{ "benefit", WB_P_ENUM, 0, 0, 0, benefits, "Uitkering" }, \
	{ "target_group", WB_P_ENUM, 0, 0, 0, target_groups, "Doelgroep" }
static const struct wb_param p_client_new[] = {
	{ "bsn", WB_P_TEXT, REQ, 0, 20, NULL, "BSN" },
	CLIENT_FIELDS,
	{ "function", WB_P_ENUM, REQ, 0, 0, functions, "Uw functie" }, END };
static const struct wb_param p_client_edit[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	CLIENT_FIELDS, END };
static const struct wb_param p_client_find[] = {
	{ "bsn", WB_P_TEXT, REQ, 0, 20, NULL, "BSN" }, END };
static const struct wb_param p_team_add[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "user", WB_P_INT, REQ, 1, INT64_MAX, NULL, "Collega" },
	{ "function", WB_P_ENUM, REQ, 0, 0, functions, "Functie" }, END };
static const struct wb_param p_team_end[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "member", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const struct wb_param p_consent_add[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "org", WB_P_INT, REQ, 1, INT64_MAX, NULL, "Organisatie" },
	{ "purpose", WB_P_ENUM, REQ, 0, 0, purposes, "Doel" },
	{ "categories", WB_P_ENUM, REQ | WB_P_MULTI, 0, 0, categories,
	    "Gegevens" },
	{ "valid_from", WB_P_DATE, REQ, 0, 0, NULL, "Geldig vanaf" },
	{ "valid_until", WB_P_DATE, REQ, 0, 0, NULL, "Geldig tot en met" },
	{ "method", WB_P_ENUM, REQ, 0, 0, consent_methods, "Hoe gegeven" },
	{ "evidence", WB_P_TEXT, 0, 0, 200, NULL, "Bewijs" }, END };
static const struct wb_param p_consent_revoke[] = {
	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "consent", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "reason", WB_P_LINES, 0, 0, 300, NULL, "Reden" }, END };
#define ID_PARAM	{ "id", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }
static const struct wb_param p_client_access[] = {
	ID_PARAM,
	{ "pagina", WB_P_INT, 0, 1, 100000, NULL, NULL }, END };
static const struct wb_param p_goal_add[] = {
	ID_PARAM,
	{ "track", WB_P_ENUM, REQ, 0, 0, tracks, "Onderdeel" },
	{ "title", WB_P_TEXT, REQ, 0, 200, NULL, "Titel van het doel" },
	{ "target", WB_P_LINES, REQ, 0, 300, NULL, "Meetbaar resultaat" },
	{ "due_date", WB_P_DATE, 0, 0, 0, NULL, "Streefdatum" }, END };
static const struct wb_param p_goal_update[] = {
	ID_PARAM,
	{ "goal", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "version", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "title", WB_P_TEXT, REQ, 0, 200, NULL, "Titel van het doel" },
	{ "target", WB_P_LINES, REQ, 0, 300, NULL, "Meetbaar resultaat" },
	{ "due_date", WB_P_DATE, 0, 0, 0, NULL, "Streefdatum" }, END };
static const struct wb_param p_goal_stop[] = {
	ID_PARAM,
	{ "goal", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "version", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const struct wb_param p_action_add[] = {
	ID_PARAM,
	{ "goal", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "title", WB_P_TEXT, REQ, 0, 200, NULL, "Actie" },
	{ "owner", WB_P_INT, REQ, 1, INT64_MAX, NULL, "Wie" },
	{ "due_date", WB_P_DATE, REQ, 0, 0, NULL, "Uiterlijk" }, END };
static const struct wb_param p_action_mark[] = {
	ID_PARAM,
	{ "action", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "goal", WB_P_INT, 0, 1, INT64_MAX, NULL, NULL },
	{ "version", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const struct wb_param p_note_add[] = {
	ID_PARAM,
	{ "kind", WB_P_ENUM, REQ, 0, 0, note_kinds, "Soort" },
	{ "on_date", WB_P_DATE, REQ, 0, 0, NULL, "Datum" },
	{ "body", WB_P_LINES, REQ, 0, 4000, NULL, "Tekst" }, END };
#define ITEM_PARAMS \
	{ "item1", WB_P_INT, 0, 0, 9, NULL, "Vraag 1" }, \
	{ "item2", WB_P_INT, 0, 0, 9, NULL, "Vraag 2" }, \
	{ "item3", WB_P_INT, 0, 0, 9, NULL, "Vraag 3" }, \
	{ "item4", WB_P_INT, 0, 0, 9, NULL, "Vraag 4" }, \
	{ "item5", WB_P_INT, 0, 0, 9, NULL, "Vraag 5" }, \
	{ "item6", WB_P_INT, 0, 0, 9, NULL, "Vraag 6" }, \
	{ "item7", WB_P_INT, 0, 0, 9, NULL, "Vraag 7" }, \
	{ "item8", WB_P_INT, 0, 0, 9, NULL, "Vraag 8" }, \
	{ "item9", WB_P_INT, 0, 0, 9, NULL, "Vraag 9" }, \
	{ "item10", WB_P_INT, 0, 0, 9, NULL, "Vraag 10" }
static const struct wb_param p_measure_ladder[] = {
	ID_PARAM,
	{ "value", WB_P_INT, REQ, 1, 6, NULL, "Trede" },
	{ "date", WB_P_DATE, REQ, 0, 0, NULL, "Datum" }, END };
static const struct wb_param p_measure_questionnaire[] = {
	ID_PARAM,
	{ "instrument", WB_P_ENUM, REQ, 0, 0, questionnaires, "Vragenlijst" },
	{ "date", WB_P_DATE, REQ, 0, 0, NULL, "Datum" },
	ITEM_PARAMS, END };
static const struct wb_param p_measure_total[] = {
	ID_PARAM,
	{ "instrument", WB_P_ENUM, REQ, 0, 0, licensed, "Instrument" },
	{ "value", WB_P_INT, REQ, 0, 100000, NULL, "Totaalscore" },
	{ "date", WB_P_DATE, REQ, 0, 0, NULL, "Datum" }, END };
static const struct wb_param p_portal_questionnaire[] = {
	{ "instrument", WB_P_ENUM, REQ, 0, 0, questionnaires, NULL }, END };
static const struct wb_param p_portal_answers[] = {
	{ "instrument", WB_P_ENUM, REQ, 0, 0, questionnaires, NULL },
	ITEM_PARAMS, END };
static const struct wb_param p_portal_grant[] = {
	{ "org", WB_P_INT, REQ, 1, INT64_MAX, NULL, "Organisatie" },
	{ "purpose", WB_P_ENUM, REQ, 0, 0, purposes, "Waarvoor" },
	{ "categories", WB_P_ENUM, REQ | WB_P_MULTI, 0, 0, categories,
	    "Wat mogen zij zien" },
	{ "valid_until", WB_P_DATE, REQ, 0, 0, NULL, "Tot en met" }, END };
static const struct wb_param p_portal_revoke[] = {
	{ "consent", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const struct wb_param p_correction[] = {
	{ "text", WB_P_LINES, REQ, 0, 2000, NULL, "Wat klopt er niet?" },
	END };
static const struct wb_param p_correction_handled[] = {
	ID_PARAM,
	{ "request", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const char *const erase_reasons[] = { "verzoek-client",
    "einde-bewaartermijn", "fout-aangemaakt", NULL };
static const struct wb_param p_erase[] = {
	ID_PARAM,
	{ "reason", WB_P_ENUM, REQ, 0, 0, erase_reasons, "Reden" },
	{ "confirm", WB_P_CHECKBOX, REQ, 0, 0, NULL, "Bevestiging" }, END };
static const struct wb_param p_page[] = {
	{ "pagina", WB_P_INT, 0, 1, 100000, NULL, NULL }, END };
static const struct wb_param p_activate[] = {
	{ "code", WB_P_TEXT, REQ, 0, 40, NULL, "Code" },
	{ "email", WB_P_EMAIL, REQ, 0, 0, NULL, "E-mailadres" },
	{ "password", WB_P_SECRET, REQ, 0, WB_MAX_PASSWORD, NULL,
	    "Wachtwoord" },
	{ "password2", WB_P_SECRET, REQ, 0, WB_MAX_PASSWORD, NULL,
	    "Wachtwoord nog een keer" }, END };
static const struct wb_param p_referral_send[] = {
	ID_PARAM,
	{ "contact_point", WB_P_INT, REQ, 1, INT64_MAX, NULL,
	    "Contactpunt" },
	{ "purpose", WB_P_ENUM, REQ, 0, 0, purposes, "Doel" },
	{ "question", WB_P_LINES, REQ, 0, 2000, NULL, "Vraag" }, END };
static const struct wb_param p_referral_accept[] = {
	{ "rid", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "assigned", WB_P_INT, REQ, 1, INT64_MAX, NULL, "Collega" },
	{ "function", WB_P_ENUM, REQ, 0, 0, functions, "Functie" }, END };
static const struct wb_param p_referral_decline[] = {
	{ "rid", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "reason", WB_P_LINES, REQ, 0, 500, NULL, "Reden" }, END };
static const struct wb_param p_rid[] = {
	{ "rid", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const struct wb_param p_hand_on[] = {
	{ "email", WB_P_EMAIL, REQ, 0, 0, NULL, "E-mailadres" }, END };
static const struct wb_param p_proposal_accept[] = {
	ID_PARAM,
	{ "proposal", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "function", WB_P_ENUM, REQ, 0, 0, functions, "Functie" }, END };
static const struct wb_param p_proposal_decline[] = {
	ID_PARAM,
	{ "proposal", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL }, END };
static const struct wb_param p_fidelity_form[] = {
	{ "org", WB_P_CODE, 0, 0, 32, NULL, NULL },
	{ "review", WB_P_INT, 0, 1, INT64_MAX, NULL, NULL }, END };
/* One select per IPS-25 item, labelled "S1 Caseload" (fidelity.h). */
#define FIDELITY_SCORE(num, id, field, section, nl, en) \
	{ field, WB_P_INT, REQ, 1, 5, NULL, id " " nl },
static const struct wb_param p_fidelity_new[] = {
	{ "org", WB_P_CODE, REQ, 0, 32, NULL, "Organisatie" },
	{ "programme", WB_P_TEXT, REQ, 0, WB_FIDELITY_PROGRAMME_MAX, NULL,
	    "Programma of team" },
	{ "intervention", WB_P_CODE, REQ, 0, 32, NULL, "Interventie" },
	{ "review_date", WB_P_DATE, REQ, 0, 0, NULL,
	    "Datum van de beoordeling" },
	{ "reviewers", WB_P_TEXT, 0, 0, WB_FIDELITY_REVIEWERS_MAX, NULL,
	    "Beoordelaars" },
	WB_FIDELITY_ITEMS(FIDELITY_SCORE)
	{ "action_points", WB_P_LINES, 0, 0, WB_FIDELITY_ACTIONS_MAX, NULL,
	    "Actiepunten" }, END };
#undef FIDELITY_SCORE
static const struct wb_param p_outcomes[] = {
	{ "regio", WB_P_REGION, 0, 0, 0, NULL, "Regio" },
	{ "organisatie", WB_P_CODE, 0, 0, 32, NULL, "Organisatie" },
	{ "kwartaal", WB_P_TEXT, 0, 0, 8, NULL, "Kwartaal" },
	{ "interventie", WB_P_CODE, 0, 0, 32, NULL, "Interventie" }, END };
static const struct wb_param p_target_set[] = {
	{ "regio", WB_P_REGION, 0, 0, 0, NULL, "Regio" },
	{ "organisatie", WB_P_CODE, 0, 0, 32, NULL, "Organisatie" },
	{ "kwartaal", WB_P_TEXT, 0, 0, 8, NULL, "Kwartaal" },
	{ "interventie", WB_P_CODE, 0, 0, 32, NULL, "Interventie" },
	{ "indicator", WB_P_ENUM, REQ, 0, 0, wb_target_indicators,
	    "Indicator" },
	{ "jaar", WB_P_INT, REQ, 2000, 2100, NULL, "Jaar" },
	{ "waarde", WB_P_INT, REQ, 0, 100000, NULL, "Streefwaarde" }, END };
static const char *const export_formats[] = { "csv", "xlsx", NULL };
static const struct wb_param p_outcomes_export[] = {
	{ "regio", WB_P_REGION, 0, 0, 0, NULL, "Regio" },
	{ "organisatie", WB_P_CODE, 0, 0, 32, NULL, "Organisatie" },
	{ "kwartaal", WB_P_TEXT, REQ, 0, 8, NULL, "Kwartaal" },
	{ "interventie", WB_P_CODE, 0, 0, 32, NULL, "Interventie" },
	{ "formaat", WB_P_ENUM, REQ, 0, 0, export_formats, "Formaat" }, END };
static const struct wb_param p_api_indicators[] = {
	{ "region", WB_P_REGION, 0, 0, 0, NULL, NULL },
	{ "organisation", WB_P_CODE, 0, 0, 32, NULL, NULL },
	{ "quarter", WB_P_TEXT, REQ, 0, 8, NULL, NULL },
	{ "intervention", WB_P_CODE, 0, 0, 32, NULL, NULL }, END };
static const struct wb_param p_api_fidelity[] = {
	{ "organisation", WB_P_CODE, REQ, 0, 32, NULL, NULL }, END };
/* Trajectories (h_trajectory.c): dates as typed go to the domain. */
static const char *const yes_no[] = { "ja", "nee", NULL };
static const char *const outflow_details[] = { "volledig", "gedeeltelijk",
    NULL };
static const struct wb_param p_trajectory_add[] = {
	ID_PARAM,
	{ "intervention", WB_P_CODE, REQ, 0, 32, NULL, "Interventie" },
	{ "referral_date", WB_P_DATE, 0, 0, 0, NULL, "Aanmelddatum" },
	{ "start_date", WB_P_DATE, 0, 0, 0, NULL, "Startdatum" },
	{ "lead", WB_P_INT, 0, 1, INT64_MAX, NULL, "Trajectbegeleider" },
	END };
static const struct wb_param p_trajectory_status[] = {
	ID_PARAM,
	{ "traj", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "version", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "status", WB_P_ENUM, REQ, 0, 0, wb_trajectory_statuses, "Status" },
	{ "start_date", WB_P_DATE, 0, 0, 0, NULL, "Startdatum" },
	{ "end_date", WB_P_DATE, 0, 0, 0, NULL, "Einddatum" },
	{ "end_reason", WB_P_LINES, 0, 0, WB_REASON_MAX, NULL, "Reden" },
	END };
static const struct wb_param p_milestone_add[] = {
	ID_PARAM,
	{ "traj", WB_P_INT, REQ, 1, INT64_MAX, NULL, NULL },
	{ "type", WB_P_ENUM, REQ, 0, 0, wb_milestone_types, "Wat" },
	{ "date", WB_P_DATE, REQ, 0, 0, NULL, "Datum" },
	{ "detail", WB_P_ENUM, 0, 0, 0, outflow_details, "Uitstroom" },
	{ "employer", WB_P_TEXT, 0, 0, WB_EMPLOYER_MAX, NULL, "Werkgever" },
	{ "hours", WB_P_TEXT, 0, 0, 10, NULL, "Uren per week" },
	{ "competitive", WB_P_ENUM, 0, 0, 0, yes_no, "Reguliere baan" },
	{ "min_wage", WB_P_ENUM, 0, 0, 0, yes_no, "Minimumloon" },
	{ "contract", WB_P_ENUM, 0, 0, 0, wb_job_contracts, "Contract" },
	{ "job", WB_P_INT, 0, 1, INT64_MAX, NULL, "Baan" },
	{ "reason", WB_P_LINES, 0, 0, WB_REASON_MAX, NULL, "Reden" },
	END };
static const struct wb_param p_intervention[] = {
	{ "code", WB_P_CODE, REQ, 0, 32, NULL, NULL }, END };
static const struct wb_param p_intervention_edit[] = {
	{ "code", WB_P_CODE, REQ, 0, 32, NULL, NULL },
	{ "name", WB_P_TEXT, REQ, 0, 100, NULL, "Naam" },
	{ "description", WB_P_LINES, 0, 0, 500, NULL, "Beschrijving" },
	{ "active", WB_P_CHECKBOX, 0, 0, 0, NULL, "Aangeboden" }, END };
static const struct wb_param p_api_orgs[] = {
	{ "region", WB_P_REGION, 0, 0, 0, NULL, NULL },
	{ "type", WB_P_ENUM, 0, 0, 0, org_types, NULL },
	{ "limit", WB_P_INT, 0, 1, 1000, NULL, NULL },
	{ "offset", WB_P_INT, 0, 0, 1000000, NULL, NULL }, END };
static const struct wb_param p_api_cps[] = {
	{ "municipality", WB_P_MUNICIPALITY, 0, 0, 0, NULL, NULL },
	{ "region", WB_P_REGION, 0, 0, 0, NULL, NULL },
	{ "domain", WB_P_ENUM, REQ, 0, 0, domains, NULL }, END };
static const struct wb_param p_api_access_log[] = {
	ID_PARAM,
	{ "limit", WB_P_INT, 0, 1, 1000, NULL, NULL },
	{ "offset", WB_P_INT, 0, 0, 1000000, NULL, NULL }, END };

#define F	WB_R_FORM
#define PUB	WB_R_PUBLIC
#define API	WB_R_API

const struct wb_route wb_routes[] = {
	{ WB_GET, "/static/{name}", wb_h_static, WB_R_STATIC | PUB,
	    p_static },
	{ WB_GET, "/healthz", wb_h_healthz, WB_R_STATIC | PUB, p_none },
	{ WB_GET, "/inloggen", wb_h_login_form, PUB, p_login_form },
	{ WB_POST, "/inloggen", wb_h_login, PUB | F, p_login },
	{ WB_POST, "/uitloggen", wb_h_logout, 0, p_none },
	{ WB_POST, "/taal", wb_h_lang, PUB, p_lang },
	{ WB_GET, "/", wb_h_home, 0, p_none },

	{ WB_GET, "/regios", wb_h_regions, 0, p_none },
	{ WB_GET, "/regios/{code}", wb_h_region, 0, p_region },
	{ WB_GET, "/regios/{code}/contactpunten/nieuw", wb_h_cp_new_form, 0,
	    p_cp_new_form },
	{ WB_POST, "/regios/{code}/contactpunten/nieuw", wb_h_cp_new, F,
	    p_cp_new },
	{ WB_POST, "/contactpunten/{id}/beeindigen", wb_h_cp_end, 0,
	    p_cp_end },
	{ WB_GET, "/contactpunten", wb_h_find, 0, p_find },
	{ WB_GET, "/organisaties", wb_h_orgs, 0, p_orgs },
	{ WB_GET, "/organisaties/nieuw", wb_h_org_new_form, 0, p_org_form },
	{ WB_POST, "/organisaties/nieuw", wb_h_org_new, F, p_org_new },
	{ WB_GET, "/organisaties/{code}", wb_h_org, 0, p_org },
	{ WB_GET, "/organisaties/{code}/bewerken", wb_h_org_edit_form, 0,
	    p_org_form },
	{ WB_POST, "/organisaties/{code}/bewerken", wb_h_org_edit, F,
	    p_org_edit },
	{ WB_GET, "/organisaties/{code}/kaartjes/nieuw", wb_h_card_new_form,
	    0, p_card_new_form },
	{ WB_POST, "/organisaties/{code}/kaartjes/nieuw", wb_h_card_new, F,
	    p_card_new },
	{ WB_GET, "/kaartjes/{id}", wb_h_card, 0, p_id },
	{ WB_GET, "/kaartjes/{id}/bewerken", wb_h_card_edit_form, 0, p_id },
	{ WB_POST, "/kaartjes/{id}/bewerken", wb_h_card_edit, F,
	    p_card_edit },
	{ WB_GET, "/mijn-kaartje", wb_h_my_card_form, 0, p_none },
	{ WB_POST, "/mijn-kaartje", wb_h_my_card, F, p_my_card },

	{ WB_GET, "/clienten", wb_h_clients, 0, p_none },
	{ WB_POST, "/clienten/zoeken", wb_h_client_find, F, p_client_find },
	{ WB_GET, "/clienten/nieuw", wb_h_client_new_form, 0, p_none },
	{ WB_POST, "/clienten/nieuw", wb_h_client_new, F, p_client_new },
	{ WB_GET, "/clienten/{id}", wb_h_client, 0, p_id },
	{ WB_POST, "/clienten/{id}/bsn", wb_h_client_bsn, 0, p_id },
	{ WB_GET, "/clienten/{id}/bewerken", wb_h_client_edit_form, 0, p_id },
	{ WB_POST, "/clienten/{id}/bewerken", wb_h_client_edit, F,
	    p_client_edit },
	{ WB_GET, "/clienten/{id}/team", wb_h_client_team, 0, p_id },
	{ WB_POST, "/clienten/{id}/team", wb_h_team_add, F, p_team_add },
	{ WB_POST, "/clienten/{id}/team/{member}/beeindigen", wb_h_team_end,
	    0, p_team_end },
	{ WB_GET, "/clienten/{id}/toestemmingen", wb_h_consents, 0, p_id },
	{ WB_POST, "/clienten/{id}/toestemmingen", wb_h_consent_add, F,
	    p_consent_add },
	{ WB_POST, "/clienten/{id}/toestemmingen/{consent}/intrekken",
	    wb_h_consent_revoke, F, p_consent_revoke },

	{ WB_GET, "/clienten/{id}/plan", wb_h_plan, 0, p_id },
	{ WB_POST, "/clienten/{id}/plan/doelen", wb_h_goal_add, F,
	    p_goal_add },
	{ WB_POST, "/clienten/{id}/plan/doelen/{goal}", wb_h_goal_update, F,
	    p_goal_update },
	{ WB_POST, "/clienten/{id}/plan/doelen/{goal}/stoppen",
	    wb_h_goal_stop, 0, p_goal_stop },
	{ WB_POST, "/clienten/{id}/plan/doelen/{goal}/acties",
	    wb_h_action_add, F, p_action_add },
	{ WB_POST, "/clienten/{id}/plan/acties/{action}/klaar",
	    wb_h_action_done, 0, p_action_mark },
	{ WB_POST, "/clienten/{id}/plan/acties/{action}/heropenen",
	    wb_h_action_reopen, 0, p_action_mark },
	{ WB_GET, "/clienten/{id}/trajecten", wb_h_trajectories, 0, p_id },
	{ WB_POST, "/clienten/{id}/trajecten", wb_h_trajectory_add, F,
	    p_trajectory_add },
	{ WB_POST, "/clienten/{id}/trajecten/{traj}/status",
	    wb_h_trajectory_status, F, p_trajectory_status },
	{ WB_POST, "/clienten/{id}/trajecten/{traj}/mijlpalen",
	    wb_h_milestone_add, F, p_milestone_add },
	{ WB_GET, "/clienten/{id}/metingen", wb_h_measurements, 0, p_id },
	{ WB_POST, "/clienten/{id}/metingen/ladder", wb_h_measurement_ladder,
	    F, p_measure_ladder },
	{ WB_POST, "/clienten/{id}/metingen/vragenlijst",
	    wb_h_measurement_questionnaire, F, p_measure_questionnaire },
	{ WB_POST, "/clienten/{id}/metingen/totaal", wb_h_measurement_total,
	    F, p_measure_total },
	{ WB_GET, "/clienten/{id}/tijdlijn", wb_h_timeline, 0, p_id },
	{ WB_GET, "/clienten/{id}/toegang", wb_h_client_access, 0,
	    p_client_access },
	{ WB_POST, "/clienten/{id}/tijdlijn", wb_h_note_add, F, p_note_add },

	{ WB_GET, "/clienten/{id}/verwijzingen", wb_h_client_referrals, 0,
	    p_id },
	{ WB_POST, "/clienten/{id}/verwijzingen", wb_h_referral_send, F,
	    p_referral_send },
	{ WB_GET, "/verwijzingen", wb_h_referrals, 0, p_none },
	{ WB_POST, "/verwijzingen/{rid}/accepteren", wb_h_referral_accept, F,
	    p_referral_accept },
	{ WB_POST, "/verwijzingen/{rid}/afwijzen", wb_h_referral_decline, F,
	    p_referral_decline },
	{ WB_POST, "/verwijzingen/{rid}/intrekken", wb_h_referral_withdraw, 0,
	    p_rid },
	{ WB_POST, "/clienten/{id}/portaalcode", wb_h_portal_code, 0, p_id },
	{ WB_GET, "/activeren", wb_h_activate_form, PUB, p_none },
	{ WB_POST, "/activeren", wb_h_activate, PUB | F, p_activate },
	{ WB_GET, "/mijn", wb_h_portal_plan, 0, p_none },
	{ WB_GET, "/mijn/team", wb_h_portal_team, 0, p_none },
	{ WB_GET, "/mijn/kaartjes", wb_h_portal_cards, 0, p_none },
	{ WB_POST, "/mijn/team/doorgeven", wb_h_portal_hand_on, F, p_hand_on },
	{ WB_POST, "/clienten/{id}/team/voorstellen/{proposal}/accepteren",
	    wb_h_proposal_accept, F, p_proposal_accept },
	{ WB_POST, "/clienten/{id}/team/voorstellen/{proposal}/afwijzen",
	    wb_h_proposal_decline, 0, p_proposal_decline },
	{ WB_GET, "/mijn/toestemmingen", wb_h_portal_consents, 0, p_none },
	{ WB_POST, "/mijn/toestemmingen", wb_h_portal_grant, F,
	    p_portal_grant },
	{ WB_POST, "/mijn/toestemmingen/{consent}/intrekken",
	    wb_h_portal_revoke, 0, p_portal_revoke },
	{ WB_GET, "/mijn/inzage", wb_h_portal_log, 0, p_page },
	{ WB_GET, "/mijn/vragenlijsten", wb_h_portal_questionnaires, 0,
	    p_none },
	{ WB_GET, "/mijn/vragenlijsten/{instrument}",
	    wb_h_portal_questionnaire, 0, p_portal_questionnaire },
	{ WB_POST, "/mijn/vragenlijsten/{instrument}",
	    wb_h_portal_questionnaire_send, F, p_portal_answers },
	{ WB_GET, "/mijn/gegevens", wb_h_portal_data, 0, p_none },
	{ WB_GET, "/mijn/gegevens.json", wb_h_portal_data_json, 0, p_none },
	{ WB_POST, "/mijn/gegevens/correctie", wb_h_portal_correction, F,
	    p_correction },
	{ WB_GET, "/clienten/{id}/rechten", wb_h_client_rights, 0, p_id },
	{ WB_GET, "/clienten/{id}/export.json", wb_h_client_export, 0, p_id },
	{ WB_POST, "/clienten/{id}/correcties/{request}/afgehandeld",
	    wb_h_correction_handled, 0, p_correction_handled },
	{ WB_GET, "/clienten/{id}/wissen", wb_h_client_erase_form, 0, p_id },
	{ WB_POST, "/clienten/{id}/wissen", wb_h_client_erase, F, p_erase },

	{ WB_GET, "/uitkomsten", wb_h_outcomes, 0, p_outcomes },
	{ WB_GET, "/uitkomsten/download", wb_h_outcomes_export, 0,
	    p_outcomes_export },
	{ WB_POST, "/uitkomsten/streefcijfers", wb_h_target_set, F,
	    p_target_set },
	{ WB_GET, "/trouw", wb_h_fidelity_list, 0, p_none },
	{ WB_GET, "/trouw/nieuw", wb_h_fidelity_new_form, 0,
	    p_fidelity_form },
	{ WB_POST, "/trouw/nieuw", wb_h_fidelity_new, F, p_fidelity_new },
	{ WB_GET, "/trouw/programmas/{id}", wb_h_fidelity_programme, 0,
	    p_id },
	{ WB_GET, "/trouw/beoordelingen/{id}", wb_h_fidelity_review, 0,
	    p_id },

	{ WB_GET, "/beheer/gebruikers", wb_h_users, 0, p_users },
	{ WB_GET, "/beheer/gebruikers/nieuw", wb_h_user_new_form, 0, p_none },
	{ WB_POST, "/beheer/gebruikers/nieuw", wb_h_user_new, F, p_user_new },
	{ WB_GET, "/beheer/gebruikers/{id}", wb_h_user_edit_form, 0, p_id },
	{ WB_POST, "/beheer/gebruikers/{id}", wb_h_user_edit, F,
	    p_user_edit },
	{ WB_GET, "/beheer/interventies", wb_h_interventions, 0, p_none },
	{ WB_GET, "/beheer/interventies/{code}", wb_h_intervention_form, 0,
	    p_intervention },
	{ WB_POST, "/beheer/interventies/{code}", wb_h_intervention_edit, F,
	    p_intervention_edit },
	{ WB_GET, "/beheer/import", wb_h_import_form, 0, p_none },
	{ WB_POST, "/beheer/import", wb_h_import, F | WB_R_UPLOAD, p_import },
	{ WB_GET, "/export/organisaties.csv", wb_h_export_orgs, 0, p_export },
	{ WB_GET, "/export/contactpunten.csv", wb_h_export_cps, 0, p_export },

	{ WB_GET, "/audit", wb_h_audit, F, p_audit },
	{ WB_GET, "/audit.csv", wb_h_audit_csv, 0, p_audit },

	{ WB_GET, "/api/v1/openapi.json", wb_h_api_openapi, API | PUB,
	    p_none },
	{ WB_GET, "/api/v1/regions", wb_h_api_regions, API, p_none },
	{ WB_GET, "/api/v1/regions/{code}", wb_h_api_region, API, p_region },
	{ WB_GET, "/api/v1/organisations", wb_h_api_orgs, API, p_api_orgs },
	{ WB_GET, "/api/v1/contact-points", wb_h_api_cps, API, p_api_cps },
	{ WB_POST, "/api/v1/clients", wb_h_api_client_new, API, p_none },
	{ WB_GET, "/api/v1/clients/{id}", wb_h_api_client, API, p_id },
	{ WB_POST, "/api/v1/clients/{id}/team", wb_h_api_team_add, API, p_id },
	{ WB_POST, "/api/v1/clients/{id}/consents", wb_h_api_consent_add, API,
	    p_id },
	{ WB_POST, "/api/v1/consents/{id}/revoke", wb_h_api_consent_revoke,
	    API, p_id },
	{ WB_POST, "/api/v1/clients/{id}/goals", wb_h_api_goal_add, API,
	    p_id },
	{ WB_GET, "/api/v1/clients/{id}/plan", wb_h_api_plan, API, p_id },
	{ WB_GET, "/api/v1/clients/{id}/access-log", wb_h_api_access_log, API,
	    p_api_access_log },
	{ WB_POST, "/api/v1/referrals", wb_h_api_referral_send, API, p_none },
	{ WB_POST, "/api/v1/clients/{id}/trajectories",
	    wb_h_api_trajectory_add, API, p_id },
	{ WB_GET, "/api/v1/clients/{id}/trajectories", wb_h_api_trajectories,
	    API, p_id },
	{ WB_POST, "/api/v1/trajectories/{id}/milestones",
	    wb_h_api_milestone_add, API, p_id },
	{ WB_POST, "/api/v1/trajectories/{id}/status",
	    wb_h_api_trajectory_status, API, p_id },
	{ WB_POST, "/api/v1/clients/{id}/measurements",
	    wb_h_api_measurement_add, API, p_id },
	{ WB_GET, "/api/v1/clients/{id}/measurements", wb_h_api_measurements,
	    API, p_id },
	{ WB_GET, "/api/v1/indicators", wb_h_api_indicators, API,
	    p_api_indicators },
	{ WB_POST, "/api/v1/fidelity-reviews", wb_h_api_fidelity_add, API,
	    p_none },
	{ WB_GET, "/api/v1/fidelity-reviews", wb_h_api_fidelity_list, API,
	    p_api_fidelity },
	{ WB_GET, "/api/v1/fidelity-reviews/{id}", wb_h_api_fidelity_get, API,
	    p_id },
	{ 0, NULL, NULL, 0, NULL }
};
