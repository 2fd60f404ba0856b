/* fuzz_config.c - libFuzzer target for the configuration file parser.
 *
 * Parses arbitrary bytes with wb_config_parse() (inih's ini_parse_stream
 * behind our line reader and validator).  On success it checks the
 * promises of config.h (every value in range, no password in the database
 * URL, every text field terminated) and that plain ini_parse_string()
 * accepts the same text too: our rules only ever narrow inih's.  On
 * failure the message must name the file and, for WB_EINVAL, a line.
 */
#include "base/common.h"
#include "base/config.h"
#include "base/err.h"
#include "base/limits.h"
#include "base/str.h"

#include <ini.h>

/* inih's handler for the cross-check: accept everything. */
static int
accept_all(void *user, const char *section, const char *name,
    const char *value)
{
	(void)user;
	(void)section;
	(void)name;
	(void)value;
	return 1;
}

static void
check_text(const char *s)
{
	if (memchr(s, '\0', WB_CONFIG_MAX_LINE + 1) == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_config	 cfg;
	struct wb_err		 err;
	char			*text;
	int			 rc;

	wb_config_init(&cfg);
	wb_err_clear(&err);
	rc = wb_config_parse(&cfg, "f.ini", (const char *)data, size, &err);
	if (rc != 0) {
		if (strncmp(err.msg, "f.ini", 5) != 0)
			abort();
		if (rc == WB_EINVAL && strstr(err.msg, ", regel ") == NULL)
			abort();
		if (rc != WB_EINVAL && rc != WB_ETOOBIG)
			abort();
		return 0;
	}
	check_text(cfg.listen);
	check_text(cfg.trusted_proxy);
	check_text(cfg.db_url);
	check_text(cfg.mail_from);
	check_text(cfg.smtp_host);
	check_text(cfg.data_dir);
	if (!wb_config_listen_valid(cfg.listen) || cfg.threads < 1 ||
	    cfg.threads > 256 || cfg.smtp_port < 1 || cfg.smtp_port > 65535 ||
	    cfg.max_upload_mb < 1 ||
	    cfg.max_upload_mb > WB_MAX_UPLOAD / (1024 * 1024) ||
	    wb_config_url_has_password(cfg.db_url) ||
	    ((cfg.set & WB_CFG_DATA_DIR) && cfg.data_dir[0] != '/') ||
	    ((cfg.set & WB_CFG_DB_URL) && cfg.db_url[0] == '\0'))
		abort();

	/* Accepted text has no NUL, so it is a C string for inih. */
	if (memchr(data, '\0', size) != NULL)
		abort();
	text = malloc(size + 1);
	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if (ini_parse_string(text, accept_all, NULL) != 0)
		abort();
	free(text);
	return 0;
}
