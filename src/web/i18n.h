/* i18n.h - per-request translation from our own .mo catalogues.
 *
 * Dutch is the source language: every msgid is the Dutch text, and "nl" has
 * no catalogue.  Other languages (today only English) come from po/LANG.po,
 * compiled by msgfmt to LANG.mo and embedded in wb_locales.  We never touch
 * the process-wide locale or glibc's gettext(): the language is chosen per
 * request and passed to wb_tr() as a catalogue pointer.
 *
 * Ownership and threads: wb_i18n_init() loads every embedded catalogue once,
 * before worker threads start; the catalogues are immutable afterwards and
 * may be read by any thread without locking.  Strings returned by wb_tr()
 * point into the catalogue (or are the msgid passed in) and stay valid until
 * wb_i18n_fini() (or wb_locale_free() for a catalogue parsed by the caller).
 */
#ifndef WB_I18N_H
#define WB_I18N_H

#include "base/common.h"
#include "base/err.h"

struct wb_locale;

/* Parse a GNU .mo file (either byte order) of `n` bytes at `data`, which
 * is treated as untrusted: every offset and length is checked against `n`,
 * every string must be NUL-terminated and valid UTF-8, the msgids must be
 * sorted, a declared charset must be UTF-8.  The bytes are copied, so the
 * caller may release `data` afterwards.  On success *out owns a new
 * catalogue named `lang` (free it with wb_locale_free()).
 * Errors: WB_EINVAL (bad name, bad magic, any inconsistency),
 * WB_ETOOBIG (more than WB_MAX_MO bytes). */
int	wb_locale_parse(const char *lang, const char *data, size_t n,
	    struct wb_locale **out, struct wb_err *err) WB_WARN_UNUSED;

/* Release a catalogue from wb_locale_parse(); NULL is ignored. */
void	wb_locale_free(struct wb_locale *loc);

/* The name given to wb_locale_parse() ("en"). */
const char *wb_locale_lang(const struct wb_locale *loc);

/* Number of entries, the header entry included. */
size_t	wb_locale_count(const struct wb_locale *loc);

/* Load every embedded catalogue (wb_locales, "LANG.mo") except the source
 * language.  Idempotent; call from main() before threads start.
 * Errors: those of wb_locale_parse(), naming the asset in err->msg. */
int	wb_i18n_init(struct wb_err *err) WB_WARN_UNUSED;

/* Release what wb_i18n_init() loaded (for tests and clean shutdown); no
 * thread may still be using a catalogue. */
void	wb_i18n_fini(void);

/* The loaded catalogue for `lang` ("en"); NULL for "nl" (the source
 * language), for an unknown language, and before wb_i18n_init(). */
const struct wb_locale *wb_i18n_get(const char *lang);

/* Translate `msgid` with catalogue `loc` (a const struct wb_locale *, or
 * NULL): the msgstr, or msgid itself when loc is NULL, msgid is "" or the
 * catalogue has no (or an empty) translation.  For plural entries the first
 * form is returned.  Fits the template hook
 * `const char *(*wb_tmpl_tr_fn)(const void *trctx, const char *msgid)`. */
const char *wb_tr(const void *loc, const char *msgid);

/* Choose "nl" or "en" from the `n` bytes of an Accept-Language header
 * value: the supported language with the highest q-value wins (the first
 * listed on a tie), "en-GB" counts as "en", "*" as the default "nl",
 * q=0 means "not this one", malformed list elements are skipped and
 * anything else gives "nl".  Never reads past `n`; a header longer than
 * WB_MAX_HEADER gives "nl".  Returns a static string. */
const char *wb_i18n_negotiate(const char *header, size_t n);

#endif /* WB_I18N_H */
