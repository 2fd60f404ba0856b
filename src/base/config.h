/* config.h - the configuration file (INI, parsed with inih) and its
 * environment overrides.
 *
 * `werkbrug --config FILE` (or WERKBRUG_CONFIG) reads one INI file with the
 * sections [server], [database], [mail], [paths], [limits] and [outcomes]; see
 * deploy/werkbrug.ini.example for every key.  The file is strict: an unknown
 * section or key, a key given twice, a value of the wrong form, an
 * indented (continuation) line, a line longer than WB_CONFIG_MAX_LINE bytes,
 * a NUL byte or invalid UTF-8 is an error whose Dutch message names the
 * file, the line and the key.  Values are never repeated in messages (a
 * database URL may be secret).
 *
 * Secrets never live in the file: a PostgreSQL URL with a password (in the
 * user part or as ?password=) is refused; the password comes from
 * PGPASSWORD / PGPASSFILE, or the whole URL from WERKBRUG_DB in the
 * environment (systemd: EnvironmentFile=).
 *
 * Precedence, applied by the caller (cli.c): command line > environment
 * (WERKBRUG_DB, WERKBRUG_LISTEN) > file > built-in default.  A struct
 * wb_config owns all its text (fixed-size arrays), needs no freeing and
 * keeps no pointers to caller memory.
 */
#ifndef WB_CONFIG_H
#define WB_CONFIG_H

#include "base/common.h"
#include "base/err.h"

#define WB_CONFIG_MAX_LINE	190		/* bytes of one line, without \r\n */
#define WB_CONFIG_MAX_SIZE	(64 * 1024)	/* bytes of the whole file */
#define WB_CONFIG_MAX_UPLOAD_MB	64		/* upper end of [limits] max_upload_mb */

/* Which settings were given (by the file or the environment); the rest
 * hold their defaults. */
enum {
	WB_CFG_LISTEN		= 1 << 0,
	WB_CFG_THREADS		= 1 << 1,
	WB_CFG_TRUSTED_PROXY	= 1 << 2,
	WB_CFG_SECURE_COOKIES	= 1 << 3,
	WB_CFG_DB_URL		= 1 << 4,
	WB_CFG_MAIL_FROM	= 1 << 5,
	WB_CFG_SMTP_HOST	= 1 << 6,
	WB_CFG_SMTP_PORT	= 1 << 7,
	WB_CFG_DATA_DIR		= 1 << 8,
	WB_CFG_MAX_UPLOAD	= 1 << 9,
	WB_CFG_KEY_FILE		= 1 << 10,
	WB_CFG_JOB_MIN_HOURS	= 1 << 11,
};

struct wb_config {
	unsigned	 set;		/* WB_CFG_* bits */
	/* [server] */
	char		 listen[WB_CONFIG_MAX_LINE + 1];	/* "ADDR:PORT" */
	unsigned	 threads;				/* 1..256 */
	char		 trusted_proxy[WB_CONFIG_MAX_LINE + 1];	/* "" = none;
						 * canonical inet_ntop form */
	bool		 secure_cookies;
	/* [database] */
	char		 db_url[WB_CONFIG_MAX_LINE + 1];	/* no password */
	/* [mail] (stored for later issues; validated for form) */
	char		 mail_from[WB_CONFIG_MAX_LINE + 1];
	char		 smtp_host[WB_CONFIG_MAX_LINE + 1];
	unsigned	 smtp_port;				/* 1..65535 */
	/* [paths] */
	char		 data_dir[WB_CONFIG_MAX_LINE + 1];	/* absolute */
	char		 key_file[WB_CONFIG_MAX_LINE + 1];	/* absolute */
	/* [limits] */
	unsigned	 max_upload_mb;		/* 1..WB_MAX_UPLOAD in MiB */
	/* [outcomes] */
	unsigned	 job_min_hours;		/* 1..80: a job start (IPS) */
	/* The database URL from WERKBRUG_DB (may hold a password; never
	 * printed).  Points into the environment; NULL when not set. */
	const char	*env_db_url;
	/* WERKBRUG_KEY_FILE, or NULL. */
	const char	*env_key_file;
};

/* Fill *cfg with the built-in defaults (listen 127.0.0.1:8080, 8 threads,
 * no trusted proxy, no Secure cookies, smtp_port 25, max_upload_mb = the
 * compile-time WB_MAX_UPLOAD, job_min_hours 4) and clear `set`. */
void	wb_config_init(struct wb_config *cfg);

/* Parse INI text `text[0..n)` into *cfg (on top of what it holds); `name`
 * is the file name used in messages.  On failure *cfg may be partly
 * filled and must not be used.  Errors: WB_EINVAL (the message names
 * `name`, the line and the key), WB_ETOOBIG (more than WB_CONFIG_MAX_SIZE
 * bytes). */
int	wb_config_parse(struct wb_config *cfg, const char *name,
	    const char *text, size_t n, struct wb_err *err) WB_WARN_UNUSED;

/* Read and parse the file at `path`.  Errors: those of wb_config_parse,
 * WB_EIO (cannot be read). */
int	wb_config_load(struct wb_config *cfg, const char *path,
	    struct wb_err *err) WB_WARN_UNUSED;

/* Apply the environment overrides WERKBRUG_DB and WERKBRUG_LISTEN (empty
 * means unset).  WERKBRUG_DB may carry a password; its form is checked
 * when the database is opened.  Errors: WB_EINVAL (WERKBRUG_LISTEN is not
 * ADDR:PORT; the message names the variable). */
int	wb_config_env(struct wb_config *cfg, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The database URL by precedence: WERKBRUG_DB, else the file's
 * [database] url, else the default sqlite:var/werkbrug.db.  The caller
 * puts --db in front of this. */
const char *wb_config_db_url(const struct wb_config *cfg);

/* True when `url` is a PostgreSQL URL that carries a password (in the
 * user part or as a password= parameter). */
bool	wb_config_url_has_password(const char *url);

/* Check "ADDR:PORT" (IPv4 a.b.c.d or [IPv6], port 1..65535). */
bool	wb_config_listen_valid(const char *s);

/* The site key file (vault.h): WERKBRUG_KEY_FILE, else [paths] key_file,
 * else werkbrug.key in [paths] data_dir, else next to a SQLite database
 * file, else werkbrug.key in the working directory.  Written into
 * out[n]. */
void	wb_config_key_file(const struct wb_config *cfg, const char *db_url,
	    char *out, size_t n);

#endif /* WB_CONFIG_H */
