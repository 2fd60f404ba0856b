/* demo.h - a realistic synthetic data set for trying werkbrug.
 *
 * Fills an empty database (regions must be loaded) with organisations of
 * every type in every region, professionals with business cards and
 * fixed contact points with deputies, plus one demo account per role.
 * Every demo password is generated at random and returned once; no fixed
 * password exists.
 */
#ifndef WB_DEMO_H
#define WB_DEMO_H

#include "base/arena.h"
#include "base/err.h"
#include "store/db.h"

struct wb_demo_login {
	const char	*email;
	const char	*role;
	const char	*password;	/* generated */
	const char	*description;	/* Dutch, e.g. "coördinator regio ..." */
};

struct wb_demo_report {
	size_t			 organisations, cards, contact_points, users;
	size_t			 clients;
	struct wb_demo_login	*logins;
	size_t			 nlogins;
};

/* Fill the database; WB_ECONFLICT when it already holds organisations. */
int	wb_demo_fill(struct wb_db *db, struct wb_arena *a,
	    struct wb_demo_report *report, struct wb_err *err) WB_WARN_UNUSED;

/* True when the database holds no organisations yet. */
int	wb_demo_is_empty(struct wb_db *db, bool *empty, struct wb_err *err)
	    WB_WARN_UNUSED;

#endif /* WB_DEMO_H */
