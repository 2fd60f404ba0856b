/* test_export.c - trajectory and indicator tables for download
 * (report/export.h): what the actor may read and nothing else, audited;
 * CSV with the formula guard; XLSX a workbook with its sheet; small cells
 * as "<10", never their number. */
#include "clienttest.h"
#include "domain/trajectory.h"
#include "report/export.h"

#include <sys/stat.h>

static int64_t
add_traj(struct ct_fx *f, const struct wb_actor *a, int64_t client,
    const char *iv, int start)
{
	struct wb_trajectory_input in = { .client_id = client,
	    .intervention = iv, .start_date = ct_day(&f->t, start) };
	struct wb_err	err;
	int64_t		id = 0;

	if (wb_trajectory_add(f->t.db, a, &in, &id, &err) != 0)
		fail_msg("trajectory: %s", err.msg);
	return id;
}

/* True when data[0..n) contains the string s. */
static bool
contains(const char *data, size_t n, const char *s)
{
	size_t	k = strlen(s), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(data + i, s, k) == 0)
			return true;
	return false;
}

/* The CSV of t as a string in the test's arena. */
static const char *
csv(struct ct_fx *f, const struct wb_table *t)
{
	struct wb_buf	b;
	const char	*s;

	wb_buf_init(&b, 1 << 20);
	wb_table_csv(t, &b);
	assert_int_equal(wb_buf_error(&b), 0);
	s = wb_arena_strdup(&f->t.a, wb_buf_cstr(&b));
	wb_buf_free(&b);
	return s;
}

static void
test_trajectories(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_table		 t;
	struct wb_err		 err;
	struct wb_trajectory_input end;
	const char		*s;
	size_t			 skipped;
	int64_t			 c1, c2, c3, tr, consent;
	char			 line[256];

	c1 = ct_shared_client(f, &consent);		/* UWV: ID | WORK */
	c2 = ct_reg(f, &f->ggz1, BSN2, "Hendrik");	/* GGZ only */
	c3 = ct_reg(f, &f->ggz1, BSN3, "Ans");
	tr = add_traj(f, &f->ggz1, c1, "ips", -30);
	(void)add_traj(f, &f->ggz1, c2, "wabz", -20);
	(void)add_traj(f, &f->ggz1, c3, "ips", -10);
	/* an end reason that a spreadsheet would run as a formula */
	end = (struct wb_trajectory_input){ .client_id = c1, .id = tr,
	    .version = 1, .status = "uitgevallen",
	    .end_date = ct_day(&f->t, -1),
	    .end_reason = "=HYPERLINK(\"https://x.example\";\"klik\")" };
	assert_int_equal(wb_trajectory_update(f->t.db, &f->ggz1, &end, &err),
	    0);
	/* the GGZ sees all three */
	assert_int_equal(wb_export_trajectories(f->t.db, &f->ggz1, 0, &f->t.a,
	    &t, &skipped, &err), 0);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(skipped, 0);
	s = csv(f, &t);
	assert_true(strncmp(s, "\xef\xbb\xbftrajectory_id;client_id;"
	    "intervention;", 33) == 0);
	snprintf(line, sizeof(line), "%lld;%lld;ips;GGZ Noord;AM01;;%s;"
	    "uitgevallen;%s;\"'=HYPERLINK(\"\"https://x.example\"\";"
	    "\"\"klik\"\")\";", (long long)tr, (long long)c1,
	    ct_day(&f->t, -30), ct_day(&f->t, -1));
	assert_non_null(strstr(s, line));
	assert_null(strstr(s, "Wilhelmina"));	/* no names, no BSN */
	assert_null(strstr(s, BSN));
	assert_int_equal(ct_events(&f->t, "trajectory.read", "allowed", c2),
	    1);
	assert_int_equal(ct_qint(&f->t, "SELECT count(*) FROM audit_event "
	    "WHERE event = 'trajectory.export' AND detail = 'clients=3 "
	    "trajectories=3 skipped=0'"), 1);
	/* UWV: only the client it works with, under the consent */
	assert_int_equal(wb_export_trajectories(f->t.db, &f->uwv1, 0, &f->t.a,
	    &t, &skipped, &err), 0);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.cells[1].n, c1);
	/* one client by number; one not allowed is refused, audited */
	assert_int_equal(wb_export_trajectories(f->t.db, &f->uwv1, c2,
	    &f->t.a, &t, &skipped, &err), WB_EDENIED);
	assert_int_equal(ct_events(&f->t, "trajectory.read", "denied", c2),
	    1);
	assert_int_equal(wb_export_trajectories(f->t.db, &f->admin, 0,
	    &f->t.a, &t, &skipped, &err), WB_EDENIED);
}

static void
test_xlsx(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_table		 t;
	struct wb_err		 err;
	struct stat		 sb;
	char			 path[128], *data;
	size_t			 skipped, n;
	FILE			*fp;
	int64_t			 c;

	c = ct_reg(f, &f->ggz1, BSN, "Wilhelmina");
	(void)add_traj(f, &f->ggz1, c, "ips", -30);
	assert_int_equal(wb_export_trajectories(f->t.db, &f->ggz1, c, &f->t.a,
	    &t, &skipped, &err), 0);
	snprintf(path, sizeof(path), "%s/t.xlsx", f->t.dir[0] != '\0' ?
	    f->t.dir : "/tmp");
	(void)unlink(path);
	assert_int_equal(wb_table_xlsx(&t, path, &err), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* a zip archive holding the sheet (its names are stored plainly) */
	fp = fopen(path, "rb");
	assert_non_null(fp);
	data = wb_arena_alloc(&f->t.a, (size_t)sb.st_size + 1);
	n = fread(data, 1, (size_t)sb.st_size, fp);
	fclose(fp);
	assert_int_equal(n, (size_t)sb.st_size);
	assert_true(n > 4 && memcmp(data, "PK\x03\x04", 4) == 0);
	assert_true(contains(data, n, "xl/worksheets/sheet1.xml"));
	assert_true(contains(data, n, "xl/workbook.xml"));
	/* never over an existing file */
	assert_int_equal(wb_table_xlsx(&t, path, &err), WB_ECONFLICT);
	assert_int_equal(unlink(path), 0);
}

/* Three clients in the region: the GGZ's own view shows 3, anyone else
 * "<10", and nothing in the file tells the number. */
static void
test_indicators(void **state)
{
	struct ct_fx		*f = *state;
	struct wb_ind_scope	 s = { 0 };
	struct wb_table		 t;
	struct wb_err		 err;
	const char		*text;
	int64_t			 c;
	int			 i;

	wb_quarter_of(wb_today(), &s.year, &s.quarter);
	for (i = 0; i < 3; i++) {
		c = ct_reg(f, &f->ggz1, i == 0 ? BSN : i == 1 ? BSN2 : BSN3,
		    "Client");
		(void)ct_grant(&f->t, &f->ggz1, c, f->ggz, "monitoring",
		    WORK | HEALTH);
		(void)add_traj(f, &f->ggz1, c, "ips", -3);
	}
	s.org_id = f->ggz;
	assert_int_equal(wb_export_indicators(f->t.db, &f->ggz1, &s, &f->t.a,
	    &t, &err), 0);
	text = csv(f, &t);
	assert_non_null(strstr(text, "\r\nips;IPS (EPA);3;0;0,0;0;"));
	assert_non_null(strstr(text, "\r\n;Totaal;3;0;"));
	assert_null(strstr(text, "<10"));
	s.org_id = 0;
	s.region_code = "AM01";
	assert_int_equal(wb_export_indicators(f->t.db, &f->uwv1, &s, &f->t.a,
	    &t, &err), 0);
	text = csv(f, &t);
	assert_non_null(strstr(text, "\r\nips;IPS (EPA);<10;"));
	assert_non_null(strstr(text, "\r\n;Totaal;<10;"));
	assert_null(strstr(text, ";3;"));
	/* the same in the workbook: text cells */
	assert_int_equal(t.cells[t.ncols * (t.nrows - 1) + 2].kind,
	    WB_CELL_TEXT);
	/* a client sees no indicators */
	{
		struct wb_actor cl = ct_client_actor(c);

		assert_int_equal(wb_export_indicators(f->t.db, &cl, &s,
		    &f->t.a, &t, &err), WB_EDENIED);
	}
}

static void
test_format(void **state)
{
	enum wb_export_format	fmt;

	(void)state;
	assert_int_equal(wb_export_format_parse("csv", &fmt), 0);
	assert_int_equal(fmt, WB_EXPORT_CSV);
	assert_int_equal(wb_export_format_parse("xlsx", &fmt), 0);
	assert_int_equal(fmt, WB_EXPORT_XLSX);
	assert_int_equal(wb_export_format_parse("xls", &fmt), WB_EINVAL);
	assert_int_equal(wb_export_format_parse(NULL, &fmt), WB_EINVAL);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, ct_setup, ct_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		T(test_trajectories),
		T(test_xlsx),
		T(test_indicators),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
