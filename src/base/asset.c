/* asset.c - lookup in embedded file tables. */
#include "base/common.h"
#include "base/asset.h"

const struct wb_asset *
wb_asset_find(const struct wb_asset *table, const char *name)
{
	for (; table->name != NULL; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}
