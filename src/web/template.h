/* template.h - auto-escaping HTML templates (a Mustache subset).
 *
 * Templates are embedded HTML files (templates/NAME.html, see base/asset.h).
 * wb_tmpl_load() parses all of them once at start-up into a set of flat
 * syntax trees; after that the set is immutable and may be shared by every
 * worker thread without locking (rendering keeps all its state on the
 * caller's stack and in the caller's output buffer).  The set owns copies of
 * the sources it parsed; wb_tmpl_free() releases everything.
 *
 * The render context is a jansson value, so the same data can feed HTML and
 * the JSON API.  Syntax:
 *
 *   {{name}} {{a.b.c}} {{.}}   value, always HTML-escaped (& < > " ');
 *                              strings are escaped, integers in decimal,
 *                              reals in the shortest %g that reads back
 *                              exactly; booleans, null, missing values,
 *                              arrays and objects render nothing, except
 *                              an object that is exactly {"$html": string}
 *                              (see wb_html_json), whose string is emitted
 *                              as is.
 *   {{#name}}...{{/name}}      section: once per element of a non-empty
 *                              array, once for an object, true, a non-empty
 *                              string or a non-zero number (the value is
 *                              pushed as the innermost frame); skipped
 *                              otherwise.
 *   {{^name}}...{{/name}}      inverted section: rendered when the section
 *                              would be skipped.
 *   {{>other.html}}            another template, same context stack;
 *                              nested at most WB_MAX_TEMPLATE_DEPTH deep.
 *   {{! comment}}              ignored.
 *   {{_ Dutch text}}           the trimmed text passed through the
 *                              translation hook, then HTML-escaped.
 *   {{url name}}               for href/src: a string starting with "/"
 *                              (not "//" or "/\"), "https://", "http://",
 *                              "mailto:", "tel:", "#" or "?" and free of
 *                              control characters is HTML-escaped; any
 *                              other value (javascript:, data:, //host,
 *                              leading blanks, non-strings, missing)
 *                              renders "#".
 *
 * A name's first segment is looked up from the innermost frame outwards
 * (a key that is present with a null value stops the search), the other
 * segments descend into objects.  There is no way to emit unescaped text
 * from a template: {{{x}}}, {{&x}} and delimiter changes are parse errors.
 * Text outside tags is copied verbatim (no standalone-line trimming).
 */
#ifndef WB_TEMPLATE_H
#define WB_TEMPLATE_H

#include "base/common.h"
#include "base/asset.h"
#include "base/buf.h"
#include "base/err.h"

#include <jansson.h>

struct wb_tmpl_set;

/* Translation hook for {{_ text}}: returns the translation of msgid (never
 * NULL; a NULL return is treated as "no translation"). */
typedef const char *(*wb_tmpl_tr_fn)(const void *trctx, const char *msgid);

/* An empty set, for wb_tmpl_parse_one().  Never returns NULL. */
struct wb_tmpl_set *wb_tmpl_set_new(void);

/* Free the set and everything it parsed; NULL is allowed. */
void	wb_tmpl_free(struct wb_tmpl_set *set);

/* Parse every template in `assets` (ended by a NULL name) into a new set in
 * *out, and check that every {{>partial}} names a template of the set.
 * On failure *out is NULL.  Errors: WB_EINVAL with "template NAME line N:
 * what is wrong" in err->msg (for the developer's log). */
int	wb_tmpl_load(const struct wb_asset *assets, struct wb_tmpl_set **out,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Parse one template of `n` bytes (at most WB_MAX_TEMPLATE_SIZE) and add it
 * to `set` as `name`; the set copies what it keeps.  Partials are not
 * checked here (they are resolved by name when rendering).  On failure the
 * set is unchanged.  Errors: WB_EINVAL (syntax, too big, or a name that is
 * already in the set). */
int	wb_tmpl_parse_one(struct wb_tmpl_set *set, const char *name,
	    const char *src, size_t n, struct wb_err *err) WB_WARN_UNUSED;

/* True when the set holds a template called `name`. */
bool	wb_tmpl_exists(const struct wb_tmpl_set *set, const char *name);

/* Append template `name` rendered with `ctx` (may be NULL) to `out`.  `tr`
 * may be NULL, then {{_ text}} renders the text itself.  On error `out`
 * holds partial output that must be discarded.  Errors: WB_ENOTFOUND (no
 * such template or partial), WB_ETOOBIG (out's maximum, partial nesting
 * deeper than WB_MAX_TEMPLATE_DEPTH, or more than WB_MAX_TEMPLATE_STEPS). */
int	wb_tmpl_render(const struct wb_tmpl_set *set, const char *name,
	    json_t *ctx, wb_tmpl_tr_fn tr, const void *trctx,
	    struct wb_buf *out, struct wb_err *err) WB_WARN_UNUSED;

/* Trusted HTML: the ONLY way to insert unescaped markup.  Returns a new
 * reference to {"$html": markup}, which {{name}} emits raw.  Only code that
 * produces safe markup itself (SVG chart writer, Markdown renderer) calls
 * this, never with user text.  NULL or invalid UTF-8 gives "" (and asserts
 * in debug builds).  Never returns NULL.
 *
 * Because the marker is plain JSON, never use JSON that came from outside
 * (request bodies, imports, stored documents) as render context without
 * rebuilding it: an attacker-supplied {"$html": ...} would be emitted raw. */
json_t	*wb_html_json(const char *markup);

#endif /* WB_TEMPLATE_H */
