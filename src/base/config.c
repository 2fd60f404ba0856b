/* config.c - the INI configuration file, strictly validated (see config.h).
 *
 * inih does the tokenising; our own line reader feeds it one line at a
 * time from memory, so that we know the line number of every handler call,
 * can refuse what inih would silently accept (continuation lines, unknown
 * empty sections, over-long lines split in two, NUL bytes) and can stop at
 * the first error.
 */
#include "base/config.h"
#include "base/limits.h"
#include "base/str.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <strings.h>

#define DEFAULT_DB_URL	"sqlite:var/werkbrug.db"

/* One key of the file: where it lives and how to check and store it. */
struct key {
	const char	*section;
	const char	*name;
	unsigned	 bit;		/* WB_CFG_* */
	int		(*set)(struct wb_config *, const char *value,
			    char *why, size_t whylen);
};

/* The parse in progress. */
struct parse {
	struct wb_config	*cfg;
	const char		*p, *end;	/* the rest of the text */
	int			 line;		/* lines handed to inih */
	int			 errline;	/* 0 = no error yet */
	char			 msg[384];
	unsigned		 sections;	/* sections seen, bit per index */
	unsigned		 seen;		/* keys seen (WB_CFG_* bits) */
};

static const char *const sections[] = {
	"server", "database", "mail", "paths", "limits", "outcomes"
};

static int set_listen(struct wb_config *, const char *, char *, size_t);
static int set_threads(struct wb_config *, const char *, char *, size_t);
static int set_proxy(struct wb_config *, const char *, char *, size_t);
static int set_secure(struct wb_config *, const char *, char *, size_t);
static int set_db_url(struct wb_config *, const char *, char *, size_t);
static int set_from(struct wb_config *, const char *, char *, size_t);
static int set_smtp_host(struct wb_config *, const char *, char *, size_t);
static int set_smtp_port(struct wb_config *, const char *, char *, size_t);
static int set_data_dir(struct wb_config *, const char *, char *, size_t);
static int set_key_file(struct wb_config *, const char *, char *, size_t);
static int set_upload(struct wb_config *, const char *, char *, size_t);
static int set_job_hours(struct wb_config *, const char *, char *, size_t);

static const struct key keys[] = {
	{ "server", "listen", WB_CFG_LISTEN, set_listen },
	{ "server", "threads", WB_CFG_THREADS, set_threads },
	{ "server", "trusted_proxy", WB_CFG_TRUSTED_PROXY, set_proxy },
	{ "server", "secure_cookies", WB_CFG_SECURE_COOKIES, set_secure },
	{ "database", "url", WB_CFG_DB_URL, set_db_url },
	{ "mail", "from", WB_CFG_MAIL_FROM, set_from },
	{ "mail", "smtp_host", WB_CFG_SMTP_HOST, set_smtp_host },
	{ "mail", "smtp_port", WB_CFG_SMTP_PORT, set_smtp_port },
	{ "paths", "data_dir", WB_CFG_DATA_DIR, set_data_dir },
	{ "paths", "key_file", WB_CFG_KEY_FILE, set_key_file },
	{ "limits", "max_upload_mb", WB_CFG_MAX_UPLOAD, set_upload },
	{ "outcomes", "job_min_hours", WB_CFG_JOB_MIN_HOURS, set_job_hours },
};

void
wb_config_init(struct wb_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->listen, sizeof(cfg->listen), "%s", "127.0.0.1:8080");
	cfg->threads = 8;
	cfg->smtp_port = 25;
	cfg->max_upload_mb = WB_MAX_UPLOAD / (1024 * 1024);
	cfg->job_min_hours = 4;
}

/* Copy `v` into a field of WB_CONFIG_MAX_LINE + 1 bytes (lines are no
 * longer, so it always fits). */
static void
copy(char *dst, const char *v)
{
	snprintf(dst, WB_CONFIG_MAX_LINE + 1, "%s", v);
}

bool
wb_config_listen_valid(const char *s)
{
	char		 host[64];
	const char	*colon;
	unsigned char	 addr[16];
	int64_t		 port;
	size_t		 hl;

	if (s[0] == '[') {
		colon = strstr(s, "]:");
		if (colon == NULL)
			return false;
		hl = (size_t)(colon - s - 1);
		if (hl == 0 || hl >= sizeof(host))
			return false;
		memcpy(host, s + 1, hl);
		host[hl] = '\0';
		if (inet_pton(AF_INET6, host, addr) != 1)
			return false;
		colon++;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL)
			return false;
		hl = (size_t)(colon - s);
		if (hl == 0 || hl >= sizeof(host))
			return false;
		memcpy(host, s, hl);
		host[hl] = '\0';
		if (inet_pton(AF_INET, host, addr) != 1)
			return false;
	}
	return wb_parse_int64(colon + 1, strlen(colon + 1), 1, 65535,
	    &port) == 0;
}

static int
set_listen(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	if (!wb_config_listen_valid(v)) {
		snprintf(why, wl, "verwacht ADRES:POORT, bijvoorbeeld "
		    "127.0.0.1:8080 of [::1]:8080");
		return WB_EINVAL;
	}
	copy(cfg->listen, v);
	return 0;
}

static int
set_threads(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	int64_t	n;

	if (wb_parse_int64(v, strlen(v), 1, 256, &n) != 0) {
		snprintf(why, wl, "verwacht een geheel getal 1..256");
		return WB_EINVAL;
	}
	cfg->threads = (unsigned)n;
	return 0;
}

/* An IP address, stored in inet_ntop's canonical form because the HTTP
 * layer compares it with the peer address as text; "" means none. */
static int
set_proxy(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	unsigned char	addr[16];
	char		text[INET6_ADDRSTRLEN];
	int		af;

	if (v[0] == '\0') {
		cfg->trusted_proxy[0] = '\0';
		return 0;
	}
	af = strchr(v, ':') != NULL ? AF_INET6 : AF_INET;
	if (inet_pton(af, v, addr) != 1 ||
	    inet_ntop(af, addr, text, sizeof(text)) == NULL) {
		snprintf(why, wl, "verwacht één IP-adres (zonder poort), "
		    "bijvoorbeeld 127.0.0.1");
		return WB_EINVAL;
	}
	copy(cfg->trusted_proxy, text);
	return 0;
}

static int
set_secure(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	if (strcmp(v, "true") == 0)
		cfg->secure_cookies = true;
	else if (strcmp(v, "false") == 0)
		cfg->secure_cookies = false;
	else {
		snprintf(why, wl, "verwacht true of false");
		return WB_EINVAL;
	}
	return 0;
}

bool
wb_config_url_has_password(const char *url)
{
	const char	*auth, *end, *at, *q;
	size_t		 i;

	if (wb_str_prefix(url, "postgresql://"))
		auth = url + 13;
	else if (wb_str_prefix(url, "postgres://"))
		auth = url + 11;
	else
		return false;
	end = auth + strcspn(auth, "/?#");
	at = NULL;
	for (q = auth; q < end; q++)
		if (*q == '@')
			at = q;
	if (at != NULL && memchr(auth, ':', (size_t)(at - auth)) != NULL)
		return true;
	q = strchr(url, '?');
	if (q == NULL)
		return false;
	for (i = 0; q[i] != '\0'; i++)
		if ((i == 0 || q[i - 1] == '?' || q[i - 1] == '&') &&
		    strncasecmp(q + i, "password=", 9) == 0)
			return true;
	return false;
}

static int
set_db_url(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	if (wb_config_url_has_password(v)) {
		snprintf(why, wl, "de URL bevat een wachtwoord; dat hoort "
		    "niet in dit bestand: zet het in PGPASSWORD of een "
		    "PGPASSFILE, of geef de hele URL in WERKBRUG_DB in de "
		    "omgeving (systemd: EnvironmentFile=)");
		return WB_EINVAL;
	}
	if (!(wb_str_prefix(v, "sqlite:") && v[7] != '\0') &&
	    !(wb_str_prefix(v, "postgresql://") && v[13] != '\0') &&
	    !(wb_str_prefix(v, "postgres://") && v[11] != '\0')) {
		snprintf(why, wl, "verwacht sqlite:PAD of "
		    "postgresql://gebruiker@host/database");
		return WB_EINVAL;
	}
	copy(cfg->db_url, v);
	return 0;
}

static int
set_from(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	if (!wb_email_valid(v, strlen(v))) {
		snprintf(why, wl, "verwacht een e-mailadres");
		return WB_EINVAL;
	}
	copy(cfg->mail_from, v);
	return 0;
}

/* A host name (letters, digits, '-', '.'; labels of 1..63) or an IP
 * address. */
static bool
host_valid(const char *v)
{
	unsigned char	addr[16];
	size_t		i, label = 0;

	if (inet_pton(AF_INET6, v, addr) == 1)
		return true;
	if (v[0] == '\0' || strlen(v) > 253 || v[0] == '.' || v[0] == '-')
		return false;
	for (i = 0; v[i] != '\0'; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c == '.') {
			if (label == 0)
				return false;
			label = 0;
		} else if (isalnum(c) || c == '-') {
			if (++label > 63)
				return false;
		} else
			return false;
	}
	return label > 0;
}

static int
set_smtp_host(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	if (!host_valid(v)) {
		snprintf(why, wl, "verwacht een hostnaam of IP-adres");
		return WB_EINVAL;
	}
	copy(cfg->smtp_host, v);
	return 0;
}

static int
set_smtp_port(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	int64_t	n;

	if (wb_parse_int64(v, strlen(v), 1, 65535, &n) != 0) {
		snprintf(why, wl, "verwacht een poortnummer 1..65535");
		return WB_EINVAL;
	}
	cfg->smtp_port = (unsigned)n;
	return 0;
}

static int
set_data_dir(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	if (v[0] != '/') {
		snprintf(why, wl, "verwacht een absoluut pad, bijvoorbeeld "
		    "/var/lib/werkbrug");
		return WB_EINVAL;
	}
	copy(cfg->data_dir, v);
	return 0;
}

static int
set_key_file(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	if (v[0] != '/') {
		snprintf(why, wl, "verwacht een absoluut pad, bijvoorbeeld "
		    "/etc/werkbrug/werkbrug.key");
		return WB_EINVAL;
	}
	copy(cfg->key_file, v);
	return 0;
}

/* The file can lower the compile-time WB_MAX_UPLOAD, never raise it. */
static int
set_upload(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	const int64_t	cap = WB_MAX_UPLOAD / (1024 * 1024);
	int64_t		n;

	if (wb_parse_int64(v, strlen(v), 1, WB_CONFIG_MAX_UPLOAD_MB,
	    &n) != 0) {
		snprintf(why, wl, "verwacht een geheel getal 1..%d",
		    WB_CONFIG_MAX_UPLOAD_MB);
		return WB_EINVAL;
	}
	if (n > cap) {
		snprintf(why, wl, "hoger dan de ingebouwde grens van %lld MiB "
		    "(WB_MAX_UPLOAD in src/base/limits.h); het bestand kan "
		    "die alleen verlagen", (long long)cap);
		return WB_EINVAL;
	}
	cfg->max_upload_mb = (unsigned)n;
	return 0;
}

/* The paid hours per week from which a job counts as a job start (IPS);
 * whole hours, at most a full-time week of 80 (the domain's maximum). */
static int
set_job_hours(struct wb_config *cfg, const char *v, char *why, size_t wl)
{
	int64_t	n;

	if (wb_parse_int64(v, strlen(v), 1, 80, &n) != 0) {
		snprintf(why, wl, "verwacht een geheel aantal uren 1..80");
		return WB_EINVAL;
	}
	cfg->job_min_hours = (unsigned)n;
	return 0;
}

/* Record the first error, at the current line. */
static void
parse_error(struct parse *ps, const char *fmt, ...) WB_PRINTF(2, 3);

static void
parse_error(struct parse *ps, const char *fmt, ...)
{
	va_list	ap;

	if (ps->errline != 0)
		return;
	ps->errline = ps->line > 0 ? ps->line : 1;
	va_start(ap, fmt);
	vsnprintf(ps->msg, sizeof(ps->msg), fmt, ap);
	va_end(ap);
}

static int
section_index(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < WB_NELEM(sections); i++)
		if (strlen(sections[i]) == n && memcmp(sections[i], s, n) == 0)
			return (int)i;
	return -1;
}

/* Check a line before inih sees it: length, encoding, indentation and
 * section headers.  `s[0..n)` is the line without its \r\n. */
static void
check_line(struct parse *ps, const char *s, size_t n)
{
	size_t	i, j, start;
	int	idx;

	if (n > WB_CONFIG_MAX_LINE) {
		parse_error(ps, "regel te lang (hoogstens %d tekens)",
		    WB_CONFIG_MAX_LINE);
		return;
	}
	if (!wb_utf8_valid(s, n, false)) {
		parse_error(ps, "ongeldige tekens (geen UTF-8, of "
		    "stuurtekens)");
		return;
	}
	/* A UTF-8 byte order mark on the first line; inih skips it. */
	start = ps->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ?
	    3 : 0;
	i = start;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n || s[i] == ';' || s[i] == '#')
		return;		/* blank or comment */
	if (i > start) {
		parse_error(ps, "regel begint met witruimte (vervolgregels "
		    "worden niet ondersteund)");
		return;
	}
	if (s[i] != '[')
		return;
	for (j = i + 1; j < n && s[j] != ']'; j++)
		;
	if (j == n) {
		parse_error(ps, "sectiekop zonder ']'");
		return;
	}
	idx = section_index(s + i + 1, j - i - 1);
	if (idx < 0) {
		parse_error(ps, "onbekende sectie [%.*s] (bekend: [server], "
		    "[database], [mail], [paths], [limits], [outcomes])",
		    (int)(j - i - 1 > 40 ? 40 : j - i - 1), s + i + 1);
		return;
	}
	if (ps->sections & (1u << idx)) {
		parse_error(ps, "sectie [%s] staat er twee keer in",
		    sections[idx]);
		return;
	}
	ps->sections |= 1u << idx;
	for (j++; j < n && (s[j] == ' ' || s[j] == '\t'); j++)
		;
	if (j < n && s[j] != ';')
		parse_error(ps, "tekst na de sectiekop [%s]", sections[idx]);
}

/* inih's fgets-like reader: hand over the next line of the text, or NULL
 * at the end or after the first error. */
static char *
read_line(char *str, int num, void *stream)
{
	struct parse	*ps = stream;
	const char	*nl;
	size_t		 len, n;

	if (ps->errline != 0 || ps->p >= ps->end || num < 4)
		return NULL;
	nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
	len = nl != NULL ? (size_t)(nl - ps->p) + 1 :
	    (size_t)(ps->end - ps->p);
	ps->line++;
	n = len;
	if (n > 0 && ps->p[n - 1] == '\n')
		n--;
	if (n > 0 && ps->p[n - 1] == '\r')
		n--;
	check_line(ps, ps->p, n);
	if (ps->errline != 0 || n + 2 > (size_t)num) {
		if (ps->errline == 0)
			parse_error(ps, "regel te lang");
		return NULL;
	}
	memcpy(str, ps->p, n);
	str[n] = '\n';
	str[n + 1] = '\0';
	ps->p += len;
	return str;
}

/* inih's handler: one `name = value` in `section`.  Returns 1 to go on,
 * 0 after recording an error. */
static int
handle(void *user, const char *section, const char *name, const char *value)
{
	struct parse	*ps = user;
	char		 why[256];
	size_t		 i;

	if (ps->errline != 0)
		return 0;
	if (section[0] == '\0') {
		parse_error(ps, "sleutel '%.40s' staat niet in een sectie",
		    name);
		return 0;
	}
	for (i = 0; i < WB_NELEM(keys); i++)
		if (strcmp(keys[i].section, section) == 0 &&
		    strcmp(keys[i].name, name) == 0)
			break;
	if (i == WB_NELEM(keys)) {
		parse_error(ps, "onbekende sleutel '%.40s' in [%.40s]", name,
		    section);
		return 0;
	}
	if (ps->seen & keys[i].bit) {
		parse_error(ps, "sleutel '%s' staat twee keer in [%s]",
		    keys[i].name, keys[i].section);
		return 0;
	}
	ps->seen |= keys[i].bit;
	if (value[0] == '\0' && keys[i].bit != WB_CFG_TRUSTED_PROXY) {
		parse_error(ps, "[%s] %s heeft geen waarde", keys[i].section,
		    keys[i].name);
		return 0;
	}
	why[0] = '\0';
	if (keys[i].set(ps->cfg, value, why, sizeof(why)) != 0) {
		parse_error(ps, "ongeldige waarde voor [%s] %s: %s",
		    keys[i].section, keys[i].name, why);
		return 0;
	}
	ps->cfg->set |= keys[i].bit;
	return 1;
}

int
wb_config_parse(struct wb_config *cfg, const char *name, const char *text,
    size_t n, struct wb_err *err)
{
	struct parse	 ps;
	const char	*nul;
	int		 rc;

	if (n > WB_CONFIG_MAX_SIZE)
		return wb_err_set(err, WB_ETOOBIG, "%s: configuratiebestand "
		    "groter dan %d bytes", name, WB_CONFIG_MAX_SIZE);
	memset(&ps, 0, sizeof(ps));
	ps.cfg = cfg;
	nul = memchr(text, '\0', n);
	ps.p = text;
	ps.end = nul != NULL ? nul : text + n;
	rc = ini_parse_stream(read_line, &ps, handle, &ps);
	if (nul != NULL && ps.errline == 0) {
		/* The NUL is on the line after the last one read, unless
		 * that line had no newline yet. */
		ps.line += ps.p > text && ps.p[-1] == '\n' ? 1 : 0;
		parse_error(&ps, "NUL-byte in het bestand");
	}
	if (rc > 0 && (ps.errline == 0 || rc < ps.errline))
		return wb_err_set(err, WB_EINVAL, "%s, regel %d: geen "
		    "'[sectie]' en geen 'sleutel = waarde'", name, rc);
	if (ps.errline != 0)
		return wb_err_set(err, WB_EINVAL, "%s, regel %d: %s", name,
		    ps.errline, ps.msg);
	if (rc != 0)
		return wb_err_set(err, WB_EIO, "%s: inih faalde (%d)", name,
		    rc);
	return 0;
}

int
wb_config_load(struct wb_config *cfg, const char *path, struct wb_err *err)
{
	FILE	*f = NULL;
	char	*text = NULL;
	size_t	 n;
	int	 rc;

	f = fopen(path, "rb");
	if (f == NULL) {
		rc = wb_err_set(err, WB_EIO, "kan configuratiebestand %s niet "
		    "lezen: %s", path, errno == ENOENT ? "bestaat niet" :
		    errno == EACCES ? "geen leesrecht" : strerror(errno));
		goto out;
	}
	text = malloc(WB_CONFIG_MAX_SIZE + 1);
	if (text == NULL) {
		rc = wb_err_set(err, WB_EIO, "geen geheugen voor %s", path);
		goto out;
	}
	n = fread(text, 1, WB_CONFIG_MAX_SIZE + 1, f);
	if (ferror(f)) {
		rc = wb_err_set(err, WB_EIO, "kan configuratiebestand %s niet "
		    "lezen", path);
		goto out;
	}
	rc = wb_config_parse(cfg, path, text, n, err);
out:
	free(text);
	if (f != NULL)
		fclose(f);
	return rc;
}

int
wb_config_env(struct wb_config *cfg, struct wb_err *err)
{
	const char	*v;

	v = getenv("WERKBRUG_DB");
	cfg->env_db_url = v != NULL && v[0] != '\0' ? v : NULL;
	v = getenv("WERKBRUG_KEY_FILE");
	cfg->env_key_file = v != NULL && v[0] != '\0' ? v : NULL;
	v = getenv("WERKBRUG_LISTEN");
	if (v != NULL && v[0] != '\0') {
		if (strlen(v) > WB_CONFIG_MAX_LINE ||
		    !wb_config_listen_valid(v))
			return wb_err_set(err, WB_EINVAL, "WERKBRUG_LISTEN: "
			    "verwacht ADRES:POORT, bijvoorbeeld 127.0.0.1:8080");
		copy(cfg->listen, v);
		cfg->set |= WB_CFG_LISTEN;
	}
	return 0;
}

const char *
wb_config_db_url(const struct wb_config *cfg)
{
	if (cfg->env_db_url != NULL)
		return cfg->env_db_url;
	if (cfg->set & WB_CFG_DB_URL)
		return cfg->db_url;
	return DEFAULT_DB_URL;
}

void
wb_config_key_file(const struct wb_config *cfg, const char *db_url,
    char *out, size_t n)
{
	const char	*slash;

	if (cfg->env_key_file != NULL)
		snprintf(out, n, "%s", cfg->env_key_file);
	else if (cfg->set & WB_CFG_KEY_FILE)
		snprintf(out, n, "%s", cfg->key_file);
	else if (cfg->set & WB_CFG_DATA_DIR)
		snprintf(out, n, "%s/werkbrug.key", cfg->data_dir);
	else if (wb_str_prefix(db_url, "sqlite:") &&
	    (slash = strrchr(db_url + 7, '/')) != NULL)
		snprintf(out, n, "%.*s/werkbrug.key",
		    (int)(slash - (db_url + 7)), db_url + 7);
	else if (wb_str_prefix(db_url, "sqlite:"))
		snprintf(out, n, "werkbrug.key");
	else
		snprintf(out, n, "werkbrug.key");
}
