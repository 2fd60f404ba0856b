/* test_arena.c - the chunked bump allocator. */
#include "testutil.h"

#include "base/common.h"
#include "base/arena.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

/* Every allocation is 16-byte aligned, zero-filled and its own. */
static void
test_alloc(void **state)
{
	static const size_t	 sizes[] = { 0, 1, 2, 7, 15, 16, 17, 31, 100,
	    4095, 4096, 4097, 10000, 1, 3, 65536, 5 };
	struct wb_arena		 a;
	unsigned char		*p[WB_NELEM(sizes)];
	size_t			 i, j;

	(void)state;
	wb_arena_init(&a);
	for (i = 0; i < WB_NELEM(sizes); i++) {
		p[i] = wb_arena_alloc(&a, sizes[i]);
		assert_non_null(p[i]);
		if (((uintptr_t)p[i] & 15) != 0)
			fail_msg("allocation %zu (%zu bytes) not aligned", i,
			    sizes[i]);
		for (j = 0; j < sizes[i]; j++)
			if (p[i][j] != 0)
				fail_msg("allocation %zu not zeroed", i);
		memset(p[i], (int)(i + 1), sizes[i]);
	}
	/* nothing overlapped: each block still holds its own pattern */
	for (i = 0; i < WB_NELEM(sizes); i++)
		for (j = 0; j < sizes[i]; j++)
			if (p[i][j] != (unsigned char)(i + 1))
				fail_msg("allocation %zu overwritten at %zu", i,
				    j);
	assert_true(a.total >= 4096 + 4097 + 10000 + 65536);
	wb_arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
	/* usable again after free */
	p[0] = wb_arena_alloc(&a, 8);
	assert_non_null(p[0]);
	wb_arena_free(&a);
	wb_arena_free(&a);
}

/* Many small allocations across many chunks stay valid until the end. */
static void
test_many(void **state)
{
	struct wb_arena	  a;
	uint32_t	**v;
	size_t		  i, n = 50000;

	(void)state;
	wb_arena_init(&a);
	v = wb_arena_array(&a, n, sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i] = wb_arena_alloc(&a, sizeof(uint32_t) * (1 + i % 7));
		v[i][0] = (uint32_t)i;
	}
	for (i = 0; i < n; i++)
		if (v[i][0] != (uint32_t)i)
			fail_msg("allocation %zu lost", i);
	wb_arena_free(&a);
}

static void
test_strings(void **state)
{
	struct wb_arena	 a;
	char		*s;
	int		*ints;
	size_t		 i;

	(void)state;
	wb_arena_init(&a);
	s = wb_arena_strdup(&a, "hallo");
	assert_string_equal(s, "hallo");
	s = wb_arena_strdup(&a, "");
	assert_string_equal(s, "");
	s = wb_arena_strndup(&a, "abcdef", 3);
	assert_string_equal(s, "abc");
	s = wb_arena_strndup(&a, NULL, 0);
	assert_string_equal(s, "");
	s = wb_arena_strndup(&a, "a\0b", 3);	/* bytes, then a NUL */
	assert_memory_equal(s, "a\0b\0", 4);
	s = wb_arena_printf(&a, "%s-%03d-%c", "x", 7, 'z');
	assert_string_equal(s, "x-007-z");
	s = wb_arena_printf(&a, "%s", "");
	assert_string_equal(s, "");
	s = wb_arena_printf(&a, "%5000d", 1);	/* bigger than a chunk */
	assert_int_equal(strlen(s), 5000);
	assert_int_equal(s[4999], '1');
	ints = wb_arena_array(&a, 1000, sizeof(*ints));
	for (i = 0; i < 1000; i++)
		assert_int_equal(ints[i], 0);
	ints = wb_arena_array(&a, 0, sizeof(*ints));
	assert_non_null(ints);
	wb_arena_free(&a);
}

/* Run `fn` in a child and expect it to abort. */
static void
expect_abort(void (*fn)(void))
{
	pid_t	pid;
	int	status = 0;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);	/* not cmocka's handler */
		fn();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void
array_overflow(void)
{
	struct wb_arena	a;

	wb_arena_init(&a);
	(void)wb_arena_array(&a, SIZE_MAX / 2 + 1, 2);
}

static void
alloc_overflow(void)
{
	struct wb_arena	a;

	wb_arena_init(&a);
	(void)wb_arena_alloc(&a, SIZE_MAX - 3);
}

static void
strndup_overflow(void)
{
	struct wb_arena	a;

	wb_arena_init(&a);
	(void)wb_arena_strndup(&a, "x", SIZE_MAX);
}

/* Size arithmetic that overflows aborts instead of wrapping. */
static void
test_overflow_aborts(void **state)
{
	(void)state;
	expect_abort(array_overflow);
	expect_abort(alloc_overflow);
	expect_abort(strndup_overflow);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_overflow_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
