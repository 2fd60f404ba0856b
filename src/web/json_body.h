/* json_body.h - a small, strict decoder for the JSON bodies of the API.
 *
 * An API POST carries one JSON object.  wb_json_body_decode() parses it
 * with jansson (json_loadb with JSON_REJECT_DUPLICATES: a repeated key, a
 * byte after the object, a NUL or invalid UTF-8 fail the parse) and checks
 * it against the route's declaration, in the spirit of the router's
 * parameters: every key must be declared, every value must have the
 * declared type and fit its limits, and every required key must be there.
 * It accepts the whole body or nothing: on an error *out is empty, the
 * code is WB_EINVAL (WB_ETOOBIG for a body over WB_MAX_BODY) and err has
 * a Dutch message for the caller of the API with err->field naming the
 * key when there is one.  Values are copied into the caller's arena; no
 * jansson object outlives the call.
 *
 * A JSON null, an empty string and an empty array mean the same as an
 * absent key (as an empty form field does), so optional keys may be sent
 * as null.
 */
#ifndef WB_JSON_BODY_H
#define WB_JSON_BODY_H

#include "base/arena.h"
#include "base/err.h"

enum wb_jtype {
	WB_J_STRING,	/* one line of UTF-8 text, at most max characters */
	WB_J_LINES,	/* UTF-8 text, newlines allowed, max characters */
	WB_J_INT,	/* a JSON integer (no fraction) in [min, max] */
	WB_J_STRINGS,	/* an array of distinct strings, each one of
			 * values[]; at most max elements */
	WB_J_INTS,	/* an array of JSON integers, each in [min, max];
			 * at most WB_J_MAX_INTS elements */
	WB_J_BOOL,	/* true or false: num = 1 or 0 */
	WB_J_DECIMAL,	/* a JSON number with at most two decimals (16,
			 * 16.5, 16.25): num = hundredths, in [min, max]
			 * hundredths */
};

#define WB_J_MAX_INTS	64

#define WB_J_REQUIRED	0x1	/* must be present, not null, not empty */

/* One declared key; a declaration ends with name == NULL. */
struct wb_jfield {
	const char		*name;
	enum wb_jtype		 type;
	unsigned		 flags;
	int64_t			 min, max;
	const char *const	*values;	/* NULL-terminated choices: a
						 * WB_J_STRING must be one of
						 * them (NULL = any text);
						 * required for WB_J_STRINGS */
};

/* A decoded value of a declared key that was present. */
struct wb_jvalue {
	const char	*name;		/* the declaration's name */
	const char	*str;		/* text: NUL-terminated, arena-owned */
	int64_t		 num;		/* WB_J_INT, WB_J_BOOL, WB_J_DECIMAL */
	const char	**strs;		/* WB_J_STRINGS, arena-owned */
	size_t		 nstrs;
	int64_t		*nums;		/* WB_J_INTS, arena-owned */
	size_t		 nnums;
};

struct wb_jbody {
	struct wb_jvalue	*v;	/* arena-owned; NULL when n == 0 */
	size_t			 n;
};

/* Decode s[0..n) against `decl` into arena copies (see above).  The
 * checks run in a fixed order, so one body always gives the same error:
 * the parse, an object, unknown keys (in the body's order), the values
 * sent (in declaration order), and last the first required key missing. */
int	wb_json_body_decode(struct wb_arena *a, const char *s, size_t n,
	    const struct wb_jfield *decl, struct wb_jbody *out,
	    struct wb_err *err) WB_WARN_UNUSED;

/* True when a Content-Type header value is application/json (any case),
 * optionally with parameters; a charset parameter must be utf-8. */
bool	wb_json_content_type(const char *ct);

/* The text of key `name`, or NULL when it was absent. */
const char	*wb_jbody_str(const struct wb_jbody *b, const char *name);
/* The integer of key `name` (a boolean as 1 or 0, a decimal in
 * hundredths), or `dflt` when it was absent. */
int64_t		 wb_jbody_int(const struct wb_jbody *b, const char *name,
		    int64_t dflt);
/* The strings of array key `name` in *out; returns their count (0 when
 * the key was absent). */
size_t		 wb_jbody_strs(const struct wb_jbody *b, const char *name,
		    const char *const **out);
/* The integers of array key `name` in *out; returns their count (0 when
 * the key was absent). */
size_t		 wb_jbody_ints(const struct wb_jbody *b, const char *name,
		    const int64_t **out);

#endif /* WB_JSON_BODY_H */
