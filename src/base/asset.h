/* asset.h - files embedded into the binary at build time (tools/embed.c).
 *
 * Each table ends with an entry whose name is NULL.  The bytes are followed
 * by a NUL so text assets can be used as C strings.
 */
#ifndef WB_ASSET_H
#define WB_ASSET_H

#include <stddef.h>

struct wb_asset {
	const char	*name;
	const char	*data;
	size_t		 len;
};

extern const struct wb_asset wb_templates[];	/* templates/NAME */
extern const struct wb_asset wb_static[];	/* static/NAME */
extern const struct wb_asset wb_migrations_sqlite[];
extern const struct wb_asset wb_migrations_pg[];
extern const struct wb_asset wb_data[];		/* data/NAME */
extern const struct wb_asset wb_locales[];	/* compiled po/LANG.mo */

/* The entry called `name` in `table`, or NULL. */
const struct wb_asset *wb_asset_find(const struct wb_asset *table,
    const char *name);

#endif /* WB_ASSET_H */
