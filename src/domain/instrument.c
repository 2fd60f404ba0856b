/* instrument.c - the instruments' texts, ranges, scoring and bands. */
#include "domain/instrument.h"
#include "base/limits.h"
#include "domain/access.h"

/* A Dutch text the interface translates through po/en.po
 * (scripts/po-missing.py looks for these). */
#define NL(s)	(s)

/* -- PHQ-9 and GAD-7: Pfizer's Dutch and the original English -- */

static const char *const phq_options_nl[] = { "Helemaal niet",
	"Meerdere dagen", "Meer dan de helft van de dagen", "Bijna elke dag" };
static const char *const phq_options_en[] = { "Not at all", "Several days",
	"More than half the days", "Nearly every day" };

static const char *const phq9_items_nl[] = {
	"Weinig interesse of plezier in het doen van dingen",
	"Zich neerslachtig, depressief of hopeloos voelen",
	"Moeite met in slaap vallen of doorslapen, of te veel slapen",
	"Zich moe voelen of weinig energie hebben",
	"Weinig eetlust of te veel eten",
	"Zich slecht voelen over uzelf, of het gevoel hebben dat u een "
	    "mislukkeling bent of uzelf of uw familie tekort hebt gedaan",
	"Moeite met concentreren, bijvoorbeeld bij het lezen van de krant "
	    "of televisiekijken",
	"Zo traag bewegen of praten dat andere mensen dit zouden kunnen "
	    "opmerken? Of juist het tegenovergestelde: zo gejaagd of "
	    "rusteloos zijn dat u veel meer beweegt dan normaal",
	"Gedachten dat u beter dood zou zijn of gedachten om uzelf op een "
	    "of andere manier iets aan te doen",
};
static const char *const phq9_items_en[] = {
	"Little interest or pleasure in doing things",
	"Feeling down, depressed, or hopeless",
	"Trouble falling or staying asleep, or sleeping too much",
	"Feeling tired or having little energy",
	"Poor appetite or overeating",
	"Feeling bad about yourself \xe2\x80\x94 or that you are a failure "
	    "or have let yourself or your family down",
	"Trouble concentrating on things, such as reading the newspaper or "
	    "watching television",
	"Moving or speaking so slowly that other people could have noticed? "
	    "Or the opposite \xe2\x80\x94 being so fidgety or restless that "
	    "you have been moving around a lot more than usual",
	"Thoughts that you would be better off dead or of hurting yourself "
	    "in some way",
};

static const char *const gad7_items_nl[] = {
	"Zich nerveus, angstig of gespannen voelen",
	"Niet in staat zijn om te stoppen met piekeren of om controle te "
	    "krijgen over het piekeren",
	"Zich te veel zorgen maken over verschillende dingen",
	"Moeite met ontspannen",
	"Zo rusteloos zijn dat het moeilijk is om stil te zitten",
	"Snel geërgerd of geïrriteerd zijn",
	"Bang zijn dat er iets vreselijks zou kunnen gebeuren",
};
static const char *const gad7_items_en[] = {
	"Feeling nervous, anxious or on edge",
	"Not being able to stop or control worrying",
	"Worrying too much about different things",
	"Trouble relaxing",
	"Being so restless that it is hard to sit still",
	"Becoming easily annoyed or irritable",
	"Feeling afraid as if something awful might happen",
};

/* -- K10: the Dutch version of CBS and the GGD health monitor, whose form
 * lists the options from "Altijd" down; the score is what counts, so they
 * are kept here by score, "Nooit" 1 to "Altijd" 5 -- */

static const char *const k10_options_nl[] = { "Nooit", "Af en toe", "Soms",
	"Meestal", "Altijd" };
static const char *const k10_options_en[] = { "None of the time",
	"A little of the time", "Some of the time", "Most of the time",
	"All of the time" };

static const char *const k10_items_nl[] = {
	"Hoe vaak voelde u zich erg vermoeid zonder duidelijke reden?",
	"Hoe vaak voelde u zich zenuwachtig?",
	"Hoe vaak was u zo zenuwachtig dat u niet tot rust kon komen?",
	"Hoe vaak voelde u zich hopeloos?",
	"Hoe vaak voelde u zich rusteloos of ongedurig?",
	"Hoe vaak voelde u zich zo rusteloos dat u niet meer stil kon zitten?",
	"Hoe vaak voelde u zich somber of depressief?",
	"Hoe vaak had u het gevoel dat alles veel moeite kostte?",
	"Hoe vaak voelde u zich zo somber dat niets hielp om u op te "
	    "vrolijken?",
	"Hoe vaak vond u zichzelf afkeurenswaardig, minderwaardig of "
	    "waardeloos?",
};
static const char *const k10_items_en[] = {
	"About how often did you feel tired out for no good reason?",
	"About how often did you feel nervous?",
	"About how often did you feel so nervous that nothing could calm you "
	    "down?",
	"About how often did you feel hopeless?",
	"About how often did you feel restless or fidgety?",
	"About how often did you feel so restless you could not sit still?",
	"About how often did you feel depressed?",
	"About how often did you feel that everything was an effort?",
	"About how often did you feel so sad that nothing could cheer you up?",
	"About how often did you feel worthless?",
};

/* Each text list has exactly one entry per item or option. */
_Static_assert(WB_NELEM(phq9_items_nl) == 9 && WB_NELEM(phq9_items_en) == 9,
    "PHQ-9 has nine items");
_Static_assert(WB_NELEM(gad7_items_nl) == 7 && WB_NELEM(gad7_items_en) == 7,
    "GAD-7 has seven items");
_Static_assert(WB_NELEM(k10_items_nl) == 10 && WB_NELEM(k10_items_en) == 10,
    "K10 has ten items");
_Static_assert(WB_NELEM(phq_options_nl) == 4 &&
    WB_NELEM(phq_options_en) == 4, "PHQ answers score 0-3");
_Static_assert(WB_NELEM(k10_options_nl) == 5 &&
    WB_NELEM(k10_options_en) == 5, "K10 answers score 1-5");

/* -- bands (domain.md §3.1) -- */

static const struct wb_instrument_band phq9_bands[] = {
	{ 0, 4, "minimal" }, { 5, 9, "mild" }, { 10, 14, "moderate" },
	{ 15, 19, "moderately-severe" }, { 20, 27, "severe" },
};
static const struct wb_instrument_band gad7_bands[] = {
	{ 0, 4, "minimal" }, { 5, 9, "mild" }, { 10, 14, "moderate" },
	{ 15, 21, "severe" },
};
static const struct wb_instrument_band k10_bands[] = {
	{ 10, 15, "low" }, { 16, 21, "mild" }, { 22, 29, "moderate" },
	{ 30, 50, "high" },
};

/* -- the instruments -- */

#define PFIZER(n)	n " \xc2\xa9 Pfizer Inc. Developed by Drs. Robert L. " \
	"Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an " \
	"educational grant from Pfizer Inc. No permission required to " \
	"reproduce, translate, display or distribute."

static const struct wb_instrument phq9 = {
	.code = "phq9", .name = "PHQ-9",
	.kind = WB_INSTRUMENT_QUESTIONNAIRE, .category = WB_CAT_HEALTH,
	.nitems = 9, .item_min = 0, .item_max = 3, .min = 0, .max = 27,
	.items_nl = phq9_items_nl, .items_en = phq9_items_en,
	.options_nl = phq_options_nl, .options_en = phq_options_en,
	.intro_nl = "Hoe vaak heeft u in de afgelopen 2 weken last gehad van "
	    "een of meer van de volgende problemen?",
	.intro_en = "Over the last 2 weeks, how often have you been bothered "
	    "by any of the following problems?",
	.source = PFIZER("PHQ-9"),
	.higher_is_worse = true,
	.bands = phq9_bands, .nbands = WB_NELEM(phq9_bands),
};

static const struct wb_instrument gad7 = {
	.code = "gad7", .name = "GAD-7",
	.kind = WB_INSTRUMENT_QUESTIONNAIRE, .category = WB_CAT_HEALTH,
	.nitems = 7, .item_min = 0, .item_max = 3, .min = 0, .max = 21,
	.items_nl = gad7_items_nl, .items_en = gad7_items_en,
	.options_nl = phq_options_nl, .options_en = phq_options_en,
	.intro_nl = "Hoe vaak heeft u in de afgelopen 2 weken last gehad van "
	    "een of meer van de volgende problemen?",
	.intro_en = "Over the last 2 weeks, how often have you been bothered "
	    "by the following problems?",
	.source = PFIZER("GAD-7"),
	.higher_is_worse = true,
	.bands = gad7_bands, .nbands = WB_NELEM(gad7_bands),
};

static const struct wb_instrument k10 = {
	.code = "k10", .name = "K10",
	.kind = WB_INSTRUMENT_QUESTIONNAIRE, .category = WB_CAT_HEALTH,
	.nitems = 10, .item_min = 1, .item_max = 5, .min = 10, .max = 50,
	.items_nl = k10_items_nl, .items_en = k10_items_en,
	.options_nl = k10_options_nl, .options_en = k10_options_en,
	.intro_nl = "De volgende vragen gaan over hoe u zich voelde in de "
	    "afgelopen 4 weken.",
	.intro_en = "The following questions ask about how you have been "
	    "feeling during the past 4 weeks.",
	.source = "K10 \xc2\xa9 R.C. Kessler and the World Health "
	    "Organization 2003 (Kessler et al. 2003); free for unrestricted "
	    "use. Dutch version as used by CBS and the GGD health monitor.",
	.higher_is_worse = true,
	.bands = k10_bands, .nbands = WB_NELEM(k10_bands),
};

static const struct wb_instrument ladder = {
	.code = "ladder", .name = NL("Participatieladder"),
	.kind = WB_INSTRUMENT_LADDER, .category = WB_CAT_WORK,
	.min = 1, .max = 6,
	.intro_nl = "Op welke trede van de participatieladder staat de "
	    "cliënt?",
	.intro_en = "Which rung of the participation ladder is the client "
	    "on?",
	.source = "Participatieladder of the VNG and Divosa; public.",
	.higher_is_worse = false,
};

static const struct wb_instrument oq45 = {
	.code = "oq45", .name = "OQ-45",
	.kind = WB_INSTRUMENT_TOTAL, .category = WB_CAT_HEALTH,
	.min = 0, .max = 180,
	.source = "OQ-45.2 \xc2\xa9 OQ Measures; licensed. Only the total of "
	    "an administration elsewhere is recorded.",
	.higher_is_worse = true,
};

static const struct wb_instrument scl90 = {
	.code = "scl90", .name = "SCL-90",
	.kind = WB_INSTRUMENT_TOTAL, .category = WB_CAT_HEALTH,
	.min = 90, .max = 450,
	.source = "SCL-90 \xc2\xa9 Pearson (Dutch edition by Arrindell and "
	    "Ettema, items scored 1-5); licensed. Only the total of an "
	    "administration elsewhere is recorded.",
	.higher_is_worse = true,
};

static const struct wb_instrument honos = {
	.code = "honos", .name = "HoNOS",
	.kind = WB_INSTRUMENT_TOTAL, .category = WB_CAT_HEALTH,
	.min = 0, .max = 48,
	.source = "HoNOS \xc2\xa9 Royal College of Psychiatrists; use in "
	    "software needs its permission. Only the total of an "
	    "administration elsewhere is recorded.",
	.higher_is_worse = true,
};

static const struct wb_instrument mansa = {
	.code = "mansa", .name = "MANSA",
	.kind = WB_INSTRUMENT_TOTAL, .category = WB_CAT_HEALTH,
	.min = 12, .max = 84,
	.source = "MANSA (Priebe et al. 1999); licence not verified. Only the "
	    "sum of the 12 satisfaction items (1-7 each) of an administration "
	    "elsewhere is recorded; the mean is that sum divided by 12.",
	.higher_is_worse = false,
};

static const struct wb_instrument whodas12 = {
	.code = "whodas12", .name = "WHODAS 2.0 (12 items)",
	.kind = WB_INSTRUMENT_TOTAL, .category = WB_CAT_HEALTH,
	.min = 12, .max = 60,
	.source = "WHODAS 2.0 \xc2\xa9 World Health Organization 2010; "
	    "electronic use needs written permission from WHO. Only the "
	    "simple sum of the 12-item version (1-5 each) of an administration "
	    "elsewhere is recorded.",
	.higher_is_worse = true,
};

const struct wb_instrument *const wb_instruments[] = {
	&ladder, &phq9, &gad7, &k10, &oq45, &scl90, &honos, &mansa, &whodas12,
	NULL,
};

/* -- labels -- */

static const struct {
	const char	*code, *label;
} band_labels[] = {
	{ "minimal", NL("minimaal") },
	{ "mild", NL("licht") },
	{ "moderate", NL("matig") },
	{ "moderately-severe", NL("matig ernstig") },
	{ "severe", NL("ernstig") },
	{ "low", NL("laag") },
	{ "high", NL("hoog") },
};

/* domain.md §3.2: the rungs' names and operational definitions. */
static const char *const ladder_labels[] = {
	NL("Geïsoleerd"),
	NL("Sociale contacten buitenshuis"),
	NL("Deelname aan georganiseerde activiteiten"),
	NL("Onbetaald werk"),
	NL("Betaald werk met ondersteuning"),
	NL("Betaald werk"),
};

static const char *const ladder_explanations[] = {
	NL("Sociaal geïsoleerd: heeft niet elke week sociale contacten "
	    "buitenshuis."),
	NL("Heeft minstens eens per week sociale contacten buitenshuis, niet "
	    "in georganiseerd verband."),
	NL("Volgt minstens eens per week scholing of een georganiseerde "
	    "activiteit (vereniging, cursus), zonder verantwoordelijkheden "
	    "voor anderen."),
	NL("Doet onbetaald werk zonder arbeidscontract, met "
	    "verantwoordelijkheden voor anderen en minstens eens per week "
	    "fysiek contact, zoals vrijwilligerswerk of een stage."),
	NL("Heeft betaald werk (arbeidscontract of zzp) met ondersteuning: "
	    "participatie-instrumenten, een aanvullende uitkering, Wsw, "
	    "loonkostensubsidie, een jobcoach of een bbl-opleiding."),
	NL("Heeft betaald werk zonder aanvullende uitkering en zonder "
	    "ondersteuning door instrumenten of een jobcoach; ook zzp'ers en "
	    "ondernemers."),
};

/* -- lookups -- */

const struct wb_instrument *
wb_instrument_get(const char *code)
{
	size_t	i;

	if (code == NULL)
		return NULL;
	for (i = 0; wb_instruments[i] != NULL; i++)
		if (strcmp(wb_instruments[i]->code, code) == 0)
			return wb_instruments[i];
	return NULL;
}

const char *
wb_instrument_band(const struct wb_instrument *in, int total)
{
	size_t	i;

	if (in == NULL)
		return NULL;
	for (i = 0; i < in->nbands; i++)
		if (total >= in->bands[i].lo && total <= in->bands[i].hi)
			return in->bands[i].code;
	return NULL;
}

const char *
wb_instrument_band_label(const char *band)
{
	size_t	i;

	if (band == NULL)
		return NULL;
	for (i = 0; i < WB_NELEM(band_labels); i++)
		if (strcmp(band_labels[i].code, band) == 0)
			return band_labels[i].label;
	return NULL;
}

const char *
wb_ladder_label(int rung)
{
	if (rung < 1 || rung > (int)WB_NELEM(ladder_labels))
		return NULL;
	return ladder_labels[rung - 1];
}

const char *
wb_ladder_explanation(int rung)
{
	if (rung < 1 || rung > (int)WB_NELEM(ladder_explanations))
		return NULL;
	return ladder_explanations[rung - 1];
}

bool
wb_phq9_needs_followup(const int *items, size_t n)
{
	return items != NULL && n == 9 && items[8] > 0;
}

/* -- errors: every Dutch message has an English entry in po/en.po, so
 * their forms are few and fixed -- */

/* Not a questionnaire: nothing to answer item by item. */
static int
no_items(struct wb_err *err)
{
	return wb_err_field(err, WB_EINVAL, "items", "Bij dit instrument "
	    "worden geen losse antwoorden vastgelegd.");
}

/* The wrong number of answers. */
static int
bad_count(const struct wb_instrument *in, struct wb_err *err)
{
	return wb_err_field(err, WB_EINVAL, "items", "Geef precies %d "
	    "antwoorden, één per vraag.", in->nitems);
}

/* Answer `i` (from 0) is missing, malformed or out of range. */
static int
bad_item(const struct wb_instrument *in, size_t i, struct wb_err *err)
{
	return wb_err_field(err, WB_EINVAL, "items", "Vraag %zu: kies een "
	    "antwoord van %d tot en met %d.", i + 1, in->item_min,
	    in->item_max);
}

/* The checks every answer parser starts with. */
static int
parse_start(const struct wb_instrument *in, const char *s, size_t cap,
    struct wb_err *err)
{
	if (in == NULL || in->kind != WB_INSTRUMENT_QUESTIONNAIRE)
		return no_items(err);
	if (cap < (size_t)in->nitems)
		return wb_err_set(err, WB_ETOOBIG, "instrument %s: room for "
		    "%zu answers, %d needed", in->code, cap, in->nitems);
	if (s == NULL)
		return bad_count(in, err);
	return 0;
}

/* -- scoring -- */

int
wb_instrument_score(const struct wb_instrument *in, const int *items,
    size_t n, int *total, struct wb_err *err)
{
	size_t	i;
	int	sum = 0;

	if (in == NULL || in->kind != WB_INSTRUMENT_QUESTIONNAIRE)
		return no_items(err);
	if (n != (size_t)in->nitems || items == NULL)
		return bad_count(in, err);
	for (i = 0; i < n; i++) {
		if (items[i] < in->item_min || items[i] > in->item_max)
			return bad_item(in, i, err);
		sum += items[i];
	}
	*total = sum;
	return 0;
}

int
wb_instrument_check_value(const struct wb_instrument *in, int value,
    struct wb_err *err)
{
	if (in == NULL)
		return wb_err_field(err, WB_EINVAL, "instrument",
		    "Kies een instrument.");
	if (value >= in->min && value <= in->max)
		return 0;
	if (in->kind == WB_INSTRUMENT_LADDER)
		return wb_err_field(err, WB_EINVAL, "value", "Kies een trede "
		    "van %d tot en met %d.", in->min, in->max);
	return wb_err_field(err, WB_EINVAL, "value", "De totaalscore van de "
	    "%s is een getal van %d tot en met %d.", in->name, in->min,
	    in->max);
}

/* -- the answers as text -- */

int
wb_instrument_items_parse(const struct wb_instrument *in, const char *s,
    int *items, size_t cap, struct wb_err *err)
{
	size_t	n, i;
	int	v;
	int	rc;

	rc = parse_start(in, s, cap, err);
	if (rc != 0)
		return rc;
	/* Never look further than one past the expected end. */
	for (n = 0; n <= (size_t)in->nitems && s[n] != '\0'; n++)
		continue;
	if (n != (size_t)in->nitems)
		return bad_count(in, err);
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return bad_item(in, i, err);
		v = s[i] - '0';
		if (v < in->item_min || v > in->item_max)
			return bad_item(in, i, err);
		items[i] = v;
	}
	return 0;
}

void
wb_instrument_items_format(const int *items, size_t n, char *out,
    size_t outsz)
{
	size_t	i;

	if (out == NULL || outsz == 0)
		return;
	out[0] = '\0';
	if (n >= outsz || (n > 0 && items == NULL))
		return;
	for (i = 0; i < n; i++) {
		if (items[i] < 0 || items[i] > 9) {
			out[0] = '\0';
			return;
		}
		out[i] = (char)('0' + items[i]);
	}
	out[n] = '\0';
}

/* The index of the first byte from `i` on that is not a space or tab. */
static size_t
skip_blank(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

int
wb_instrument_items_parse_list(const struct wb_instrument *in,
    const char *s, int *items, size_t cap, struct wb_err *err)
{
	size_t	len, i, j, pos = 0;
	int	v;
	int	rc;

	rc = parse_start(in, s, cap, err);
	if (rc != 0)
		return rc;
	for (len = 0; len <= WB_MAX_ANSWERS_TEXT && s[len] != '\0'; len++)
		continue;
	if (len > WB_MAX_ANSWERS_TEXT)
		return wb_err_field(err, WB_EINVAL, "items",
		    "Deze antwoorden zijn te lang.");
	i = skip_blank(s, 0);
	if (s[i] == '\0')
		return bad_count(in, err);
	for (;;) {
		/* An answer: digits, which must make a number in range. */
		if (pos == (size_t)in->nitems)
			return bad_count(in, err);
		if (s[i] < '0' || s[i] > '9')
			return bad_item(in, pos, err);
		v = 0;
		for (; s[i] >= '0' && s[i] <= '9'; i++)
			if (v < 100)	/* past 99 it is out of range anyway */
				v = v * 10 + (s[i] - '0');
		if (v < in->item_min || v > in->item_max)
			return bad_item(in, pos, err);
		items[pos++] = v;

		/* Then the end, a comma, or spaces alone. */
		j = skip_blank(s, i);
		if (s[j] == '\0')
			break;
		if (s[j] == ',')
			i = skip_blank(s, j + 1);
		else if (j > i)
			i = j;
		else
			return bad_item(in, pos - 1, err);	/* "1a" */
	}
	if (pos != (size_t)in->nitems)
		return bad_count(in, err);
	return 0;
}
