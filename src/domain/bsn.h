/* bsn.h - the burgerservicenummer: form check and masking.
 *
 * A BSN is nine digits (an old eight-digit number gets a leading zero)
 * that pass the 11-proef with weights 9..2 and -1 (domain.md §4.3).
 * Passing means well-formed, not issued.  000000000 is refused.
 */
#ifndef WB_BSN_H
#define WB_BSN_H

#include "base/common.h"

/* Normalise `in` (spaces and dots allowed between digits, eight digits
 * get a leading zero) into out[10]; true when it is a valid BSN. */
bool	wb_bsn_normalise(const char *in, char out[10]);
/* "*****6782": only the last four digits. */
void	wb_bsn_mask(const char *bsn, char out[10]);

#endif /* WB_BSN_H */
