/* bsn.c - the 11-proef. */
#include "domain/bsn.h"

bool
wb_bsn_normalise(const char *in, char out[10])
{
	char	d[10];
	size_t	n = 0, i;
	int	sum = 0;

	out[0] = '\0';
	if (in == NULL)
		return false;
	for (; *in != '\0'; in++) {
		if (*in >= '0' && *in <= '9') {
			if (n == 9)
				return false;
			d[n++] = *in;
		} else if (*in != ' ' && *in != '.')
			return false;
	}
	if (n == 8) {
		memmove(d + 1, d, 8);
		d[0] = '0';
		n = 9;
	}
	if (n != 9)
		return false;
	for (i = 0; i < 8; i++)
		sum += (int)(9 - i) * (d[i] - '0');
	sum -= d[8] - '0';
	if (sum == 0 || sum % 11 != 0)
		return false;
	memcpy(out, d, 9);
	out[9] = '\0';
	return true;
}

void
wb_bsn_mask(const char *bsn, char out[10])
{
	size_t	n = bsn != NULL ? strlen(bsn) : 0;

	if (n != 9) {
		out[0] = '\0';
		return;
	}
	memcpy(out, "*****", 5);
	memcpy(out + 5, bsn + 5, 4);
	out[9] = '\0';
}
