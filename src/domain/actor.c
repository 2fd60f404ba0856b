/* actor.c - role names. */
#include "domain/actor.h"

static const struct {
	enum wb_role	 role;
	const char	*name;
	const char	*label;
} roles[] = {
	{ WB_ROLE_ADMIN, "admin", "Beheerder" },
	{ WB_ROLE_AUDITOR, "auditor", "Auditor" },
	{ WB_ROLE_COORDINATOR, "coordinator", "Regiocoördinator" },
	{ WB_ROLE_MONITOR, "monitor", "Landelijke monitor" },
	{ WB_ROLE_EDITOR, "editor", "Redacteur" },
	{ WB_ROLE_PROFESSIONAL, "professional", "Professional" },
	{ WB_ROLE_SYSTEM, "system", "Systeem" },
	{ WB_ROLE_CLIENT, "client", "Cliënt" },
};

const char *
wb_role_name(enum wb_role r)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(roles); i++)
		if (roles[i].role == r)
			return roles[i].name;
	return "none";
}

enum wb_role
wb_role_parse(const char *s)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(roles); i++)
		if (roles[i].role != WB_ROLE_SYSTEM &&
		    roles[i].role != WB_ROLE_CLIENT && strcmp(roles[i].name, s) == 0)
			return roles[i].role;
	return WB_ROLE_NONE;
}

const char *
wb_role_label(enum wb_role r)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(roles); i++)
		if (roles[i].role == r)
			return roles[i].label;
	return "";
}

struct wb_actor
wb_actor_system(void)
{
	return (struct wb_actor){ .role = WB_ROLE_SYSTEM, .address = "cli",
	    .via = "cli" };
}
