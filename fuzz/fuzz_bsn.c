/* fuzz_bsn.c - libFuzzer target for the BSN parser (domain/bsn.c).
 *
 * Every input (up to its first NUL) goes to wb_bsn_normalise() and is
 * checked against a reference written from domain.md §4.3 alone: the same
 * verdict, and on success the same nine digits.  A normalised number
 * normalises to itself and masks to five stars and its last four digits;
 * wb_bsn_mask() also gets the raw input, which must never overrun.
 */
#include "base/common.h"
#include "domain/bsn.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXIN	4096

/* domain.md §4.3: the digits in order, spaces and dots between them
 * ignored, anything else refused; eight digits are an old number with a
 * leading zero; nine pass when 9*d1 + 8*d2 + ... + 2*d8 - d9 is a
 * non-zero multiple of 11. */
static bool
reference(const char *s, char out[10])
{
	static const int	weight[9] = { 9, 8, 7, 6, 5, 4, 3, 2, -1 };
	char			digits[MAXIN + 2];
	size_t			n = 0, i;
	long			sum = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits[1 + n++] = s[i];
		else if (s[i] != ' ' && s[i] != '.')
			return false;
	}
	if (n == 8) {
		digits[0] = '0';
		n = 9;
	} else if (n == 9)
		memmove(digits, digits + 1, 9);
	else
		return false;
	for (i = 0; i < 9; i++)
		sum += weight[i] * (digits[i] - '0');
	if (sum == 0 || sum % 11 != 0)
		return false;
	memcpy(out, digits, 9);
	out[9] = '\0';
	return true;
}

/* "*****" and the last four characters for nine, else nothing. */
static void
check_mask(const char *s)
{
	char	m[10];
	size_t	n = strlen(s);

	memset(m, 'x', sizeof(m));
	wb_bsn_mask(s, m);
	if (n != 9) {
		if (m[0] != '\0')
			abort();
		return;
	}
	if (memcmp(m, "*****", 5) != 0 || memcmp(m + 5, s + 5, 4) != 0 ||
	    m[9] != '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	in[MAXIN + 1], out[10], want[10], again[10];
	bool	ok, ref;

	if (size > MAXIN)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';

	memset(out, 'x', sizeof(out));
	ok = wb_bsn_normalise(in, out);
	ref = reference(in, want);
	if (ok != ref)
		abort();
	if (!ok) {
		if (out[0] != '\0')
			abort();
	} else {
		if (strcmp(out, want) != 0)
			abort();
		if (!wb_bsn_normalise(out, again) || strcmp(out, again) != 0)
			abort();
		check_mask(out);
	}
	check_mask(in);
	return 0;
}
