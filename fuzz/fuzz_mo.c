/* fuzz_mo.c - libFuzzer target for the .mo loader and Accept-Language.
 *
 * Treats the input as an Accept-Language value (the answer must be "nl" or
 * "en", and must not change when an empty element or an unsupported
 * language is appended) and as a .mo file: on success every translation
 * wb_tr() hands out must be valid UTF-8, "" and unknown msgids must come
 * back as the very pointer passed in, and a msgid taken from the input is
 * looked up too.  Build with the embedded assets (build/gen/assets.c),
 * which i18n.c refers to.
 */
#include "base/common.h"
#include "base/err.h"
#include "base/limits.h"
#include "base/str.h"
#include "web/i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A language the negotiation must answer with. */
static bool
known(const char *lang)
{
	return strcmp(lang, "nl") == 0 || strcmp(lang, "en") == 0;
}

/* Negotiate on the input, then on the input with `tail` appended. */
static void
negotiate(const uint8_t *data, size_t size, const char *tail)
{
	const char	*a, *b;
	size_t		 tn = strlen(tail);
	char		*p;

	a = wb_i18n_negotiate((const char *)data, size);
	if (!known(a))
		abort();
	if (size + tn > WB_MAX_HEADER)
		return;
	p = malloc(size + tn);		/* exactly: ASan sees overreads */
	if (p == NULL)
		abort();
	if (size > 0)
		memcpy(p, data, size);
	memcpy(p + size, tail, tn);
	b = wb_i18n_negotiate(p, size + tn);
	free(p);
	if (strcmp(a, b) != 0)
		abort();
}

/* Look up `id`; the answer is the id itself or valid UTF-8. */
static void
lookup(const struct wb_locale *loc, const char *id)
{
	const char	*s = wb_tr(loc, id);

	if (s == NULL)
		abort();
	if (s != id && !wb_utf8_valid(s, strlen(s), true))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ids[] = {
		"Uitloggen", "Er ging iets mis", "Verzoek-id", "a", "\x7f",
		"zzzzzzzz", "één cliënt",
	};
	static const char	 missing[] = "\x01 not a msgid";
	struct wb_locale	*loc = NULL;
	struct wb_err		 err;
	char			 id[64];
	size_t			 i, n;

	negotiate(data, size, ",");
	negotiate(data, size, ",de;q=1");

	if (wb_locale_parse("en", (const char *)data, size, &loc, &err) != 0) {
		if (loc != NULL || err.code >= 0)
			abort();
		return 0;
	}
	if (strcmp(wb_locale_lang(loc), "en") != 0 ||
	    wb_locale_count(loc) > size / 16)
		abort();
	for (i = 0; i < WB_NELEM(ids); i++)
		lookup(loc, ids[i]);
	if (wb_tr(loc, "") == NULL || wb_tr(loc, "")[0] != '\0' ||
	    wb_tr(loc, missing) != missing)
		abort();

	/* A msgid from the input's last bytes, so the fuzzer can hit one. */
	n = size < sizeof(id) - 1 ? size : sizeof(id) - 1;
	memcpy(id, data + size - n, n);
	id[n] = '\0';
	lookup(loc, id);
	for (i = 0; i + 1 < n; i++)
		if (id[i] == '\0')
			lookup(loc, id + i + 1);
	wb_locale_free(loc);
	return 0;
}
