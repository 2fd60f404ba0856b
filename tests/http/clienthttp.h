/* clienthttp.h - the client record through the router: the helpers the
 * in-process HTTP suites around the client share (test_client,
 * test_portal, test_referral, test_rights, test_api_client, test_no_leak).
 * Header-only, on httptest.h; every helper that sends a request takes the
 * suite's struct ht.
 *
 * The suites register clients in municipality GM0796 through the forms,
 * each with BSNs of its own (ch_bsn_for), so that the tests of a group do
 * not depend on each other's order.
 *
 * Queries:	ch_countf, ch_textf (dbt_int / dbt_text of a formatted
 *		query)
 * Checks:	ch_expect_absent, ch_expect_present, ch_expect_redirect (with
 *		its flash), ch_expect_header, ch_location_id
 * Requests:	ch_get_id, ch_post_id ("/clienten/" 12 "/team")
 * Forms:	ch_client_fields, ch_register, ch_register_seq (a client),
 *		ch_grant (a consent), ch_add_member (the team), ch_add_goal
 * The portal:	ch_make_code, ch_activate_form, ch_activate_post,
 *		ch_client_login, ch_client_account (code, account, login)
 */
#ifndef WB_CLIENTHTTP_H
#define WB_CLIENTHTTP_H

#include "httptest.h"

#include "base/time.h"

#include <stdarg.h>

/* A BSN that passes the 11-proef (weights 9..2 and -1), different for
 * each seq: `lead` and seq in seven digits, then the check digit; a
 * prefix whose remainder is 10 has no check digit and is skipped. */
TEST_HELPER void
ch_bsn_for(char lead, unsigned seq, char out[10])
{
	unsigned	sum, i;

	for (;; seq++) {
		snprintf(out, 10, "%c%07u", lead, seq % 10000000);
		for (i = 0, sum = 0; i < 8; i++)
			sum += (9 - i) * (unsigned)(out[i] - '0');
		if (sum % 11 != 10)
			break;
	}
	out[8] = (char)('0' + sum % 11);
	out[9] = '\0';
}

/* dbt_int of a query made with a format. */
TEST_HELPER int64_t __attribute__((format(printf, 2, 3)))
ch_countf(struct ht *t, const char *fmt, ...)
{
	char	sql[512];
	va_list	ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	return dbt_int(&t->dbt, sql);
}

/* The text of a one-value query made with a format, in a static buffer
 * (valid until the next call). */
TEST_HELPER const char * __attribute__((format(printf, 2, 3)))
ch_textf(struct ht *t, const char *fmt, ...)
{
	static char	out[128];
	char		sql[512];
	va_list		ap;

	va_start(ap, fmt);
	assert_true(vsnprintf(sql, sizeof(sql), fmt, ap) < (int)sizeof(sql));
	va_end(ap);
	dbt_text(&t->dbt, sql, out, sizeof(out));
	return out;
}

TEST_HELPER void
ch_expect_absent(const char *hay, const char *needle, const char *where)
{
	if (strstr(hay, needle) != NULL)
		fail_msg("\"%s\" found in %s", needle, where);
}

TEST_HELPER void
ch_expect_present(const char *hay, const char *needle, const char *where)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("no \"%s\" in %s:\n%.600s", needle, where, hay);
}

/* A 303 to `location` with flash `flash` (NULL: none). */
TEST_HELPER void
ch_expect_redirect(const struct ht_resp *r, const char *location,
    const char *flash)
{
	char	want[64];

	if (r->status != 303)
		fail_msg("status %d, want 303 to %s:\n%.600s", r->status,
		    location, r->body);
	ht_expect_redirect(r, location);
	if (flash == NULL)
		return;
	snprintf(want, sizeof(want), "wb_flash=%s;", flash);
	assert_non_null(strstr(r->headers, want));
}

/* The value of header `name` is exactly `want`. */
TEST_HELPER void
ch_expect_header(const struct ht_resp *r, const char *name, const char *want)
{
	char	*v = ht_header(r, name);

	if (v == NULL)
		fail_msg("no %s header", name);
	assert_string_equal(v, want);
	free(v);
}

/* The id at the end of a redirect's Location ("/clienten/12"). */
TEST_HELPER int64_t
ch_location_id(const struct ht_resp *r, const char *prefix)
{
	char		*loc = ht_header(r, "Location");
	int64_t		 id;
	char		*end;

	if (r->status != 303)
		fail_msg("status %d, want 303:\n%.600s", r->status, r->body);
	assert_non_null(loc);
	if (strncmp(loc, prefix, strlen(prefix)) != 0)
		fail_msg("Location %s, expected %s...", loc, prefix);
	id = strtoll(loc + strlen(prefix), &end, 10);
	assert_true(*end == '\0' && id > 0);
	free(loc);
	return id;
}

/* GET prefix, id, suffix ("/clienten/" 12 "/team") as u into r. */
TEST_HELPER void
ch_get_id(struct ht *t, const struct ht_user *u, const char *prefix,
    int64_t id, const char *suffix, struct ht_resp *r)
{
	char	path[96];

	snprintf(path, sizeof(path), "%s%lld%s", prefix, (long long)id,
	    suffix);
	ht_get(t, u, path, r);
}

/* POST `fields` to prefix, id, suffix as u into r. */
TEST_HELPER void
ch_post_id(struct ht *t, const struct ht_user *u, const char *prefix,
    int64_t id, const char *suffix, const char *fields, struct ht_resp *r)
{
	char	path[96];

	snprintf(path, sizeof(path), "%s%lld%s", prefix, (long long)id,
	    suffix);
	ht_post(t, u, path, fields, r);
}

/* The form fields of a registration in GM0796 (urlencoded) into out. */
TEST_HELPER void
ch_client_fields(char *out, size_t n, const char *bsn, const char *given,
    const char *family, const char *benefit, const char *target_group)
{
	snprintf(out, n, "bsn=%s&given_name=%s&family_name=%s&"
	    "birth_date=14-03-1986&municipality=GM0796&benefit=%s&"
	    "target_group=%s&function=ips-trajectbegeleider", bsn, given,
	    family, benefit, target_group);
}

/* Register a client "given family" (urlencoded) as `u` through the form;
 * returns its id. */
TEST_HELPER int64_t
ch_register(struct ht *t, const struct ht_user *u, const char *bsn,
    const char *given, const char *family)
{
	struct ht_resp	r;
	char		body[512];
	int64_t		id;

	ch_client_fields(body, sizeof(body), bsn, given, family, "wia-wga",
	    "epa");
	ht_post(t, u, "/clienten/nieuw", body, &r);
	id = ch_location_id(&r, "/clienten/");
	ht_resp_free(&r);
	return id;
}

/* ch_register with the BSN ch_bsn_for(lead, seq), also into bsn unless
 * that is NULL. */
TEST_HELPER int64_t
ch_register_seq(struct ht *t, const struct ht_user *u, char lead,
    unsigned seq, const char *given, const char *family, char *bsn)
{
	char	own[10];

	if (bsn == NULL)
		bsn = own;
	ch_bsn_for(lead, seq, bsn);
	return ch_register(t, u, bsn, given, family);
}

/* Record, as `u`, a consent of `client` for organisation `org`:
 * re-integratie, `cats` ("categories=a&categories=b"), from today for a
 * year, `how` ("method=mondeling", or schriftelijk with its evidence).
 * Returns the new consent's id. */
TEST_HELPER int64_t
ch_grant(struct ht *t, const struct ht_user *u, int64_t client, int64_t org,
    const char *cats, const char *how)
{
	struct ht_resp	r;
	char		path[64], body[512], today[16], next_year[16];

	wb_date_nl(wb_today(), today, sizeof(today));
	wb_date_nl(wb_today() + 365, next_year, sizeof(next_year));
	snprintf(path, sizeof(path), "/clienten/%lld/toestemmingen",
	    (long long)client);
	snprintf(body, sizeof(body), "org=%lld&purpose=re-integratie&%s&"
	    "valid_from=%s&valid_until=%s&%s", (long long)org, cats, today,
	    next_year, how);
	ht_post(t, u, path, body, &r);
	ch_expect_redirect(&r, path, "consent_granted");
	ht_resp_free(&r);
	return ch_countf(t, "SELECT max(id) FROM consent WHERE client_id = "
	    "%lld", (long long)client);
}

/* Add professional `user` to the team of `client` as `u`. */
TEST_HELPER void
ch_add_member(struct ht *t, const struct ht_user *u, int64_t client,
    int64_t user, const char *function)
{
	struct ht_resp	r;
	char		path[64], body[128];

	snprintf(path, sizeof(path), "/clienten/%lld/team", (long long)client);
	snprintf(body, sizeof(body), "user=%lld&function=%s", (long long)user,
	    function);
	ht_post(t, u, path, body, &r);
	ch_expect_redirect(&r, path, "team_added");
	ht_resp_free(&r);
}

/* A goal in the client's plan (title urlencoded), added by `u`. */
TEST_HELPER void
ch_add_goal(struct ht *t, const struct ht_user *u, int64_t id,
    const char *track, const char *title)
{
	char	path[64], body[256];

	snprintf(path, sizeof(path), "/clienten/%lld/plan/doelen",
	    (long long)id);
	snprintf(body, sizeof(body), "track=%s&title=%s&target=Zestien+uur+"
	    "per+week", track, title);
	ht_post_expect(t, u, path, body, 303, NULL);
}

/* ---------- the portal ----------------------------------------------- */

/* Make a portal code for `id` as `u`: the page shows it once and is not
 * cached.  The code ("ABCD-EFGH-JKMN-PQRS") into out[20]. */
TEST_HELPER void
ch_make_code(struct ht *t, const struct ht_user *u, int64_t id, char out[20])
{
	static const char marker[] = "class=\"activation-code\">";
	struct ht_resp	 r;
	char		 path[64], *cc;
	const char	*p;

	snprintf(path, sizeof(path), "/clienten/%lld/portaalcode",
	    (long long)id);
	ht_post(t, u, path, "", &r);
	ht_expect(&r, 200, "Code voor het portaal");
	cc = ht_header(&r, "Cache-Control");
	assert_non_null(cc);
	assert_string_equal(cc, "no-store");
	free(cc);
	p = strstr(r.body, marker);
	assert_non_null(p);
	p += strlen(marker);
	assert_true(strlen(p) > 19 && p[19] == '<');
	memcpy(out, p, 19);
	out[19] = '\0';
	assert_true(out[4] == '-' && out[9] == '-' && out[14] == '-');
	ht_resp_free(&r);
}

/* Open /activeren as a visitor: its pre-session cookie and CSRF token. */
TEST_HELPER void
ch_activate_form(struct ht *t, char *pre, size_t npre, char *csrf,
    size_t ncsrf)
{
	struct ht_resp	r;

	ht_request(t, "GET", "/activeren", NULL, NULL, &r);
	ht_expect(&r, 200, "Uw account maken");
	assert_true(ht_cookie_value(&r, "wb_pre", pre, npre));
	ht_find_csrf(r.body, csrf, ncsrf);
	assert_int_equal(strlen(csrf), 64);
	ht_resp_free(&r);
}

/* POST the activation form (values urlencoded already). */
TEST_HELPER void
ch_activate_post(struct ht *t, const char *pre, const char *csrf,
    const char *code, const char *email, const char *pw, const char *pw2,
    struct ht_resp *r)
{
	char	body[1024];

	snprintf(body, sizeof(body), "csrf=%s&code=%s&email=%s&password=%s&"
	    "password2=%s", csrf, code, email, pw, pw2);
	ht_request(t, "POST", "/activeren", body, pre, r);
}

/* Log a client in through the form: "/" sends them to /mijn.  Fills
 * u->cookie and u->csrf. */
TEST_HELPER void
ch_client_login(struct ht *t, const char *email, const char *pw,
    struct ht_user *u)
{
	struct ht_resp	r;

	ht_login_session(t, email, pw, u);
	ht_get(t, u, "/", &r);
	ch_expect_redirect(&r, "/mijn", NULL);
	ht_resp_free(&r);
	ht_get(t, u, "/mijn", &r);
	ht_expect(&r, 200, "Mijn plan");
	ht_find_csrf(r.body, u->csrf, sizeof(u->csrf));
	ht_resp_free(&r);
}

/* The account of client `id`: a code made by `registrar`, the account
 * opened with `email` and `pw` (nothing to URL-encode), the client
 * logged in as *u. */
TEST_HELPER void
ch_client_account(struct ht *t, const struct ht_user *registrar, int64_t id,
    const char *email, const char *pw, struct ht_user *u)
{
	struct ht_resp	r;
	char		code[20], pre[128], csrf[80];

	ch_make_code(t, registrar, id, code);
	ch_activate_form(t, pre, sizeof(pre), csrf, sizeof(csrf));
	ch_activate_post(t, pre, csrf, code, email, pw, pw, &r);
	ch_expect_redirect(&r, "/inloggen", "activated");
	ht_resp_free(&r);
	ch_client_login(t, email, pw, u);
}

#endif /* WB_CLIENTHTTP_H */
