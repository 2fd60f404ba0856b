/* note.h - the client's timeline: contacts and notes.
 *
 * A note records a conversation, a phone call, a mail or a plain note on
 * a date, written by a professional for their organisation.  Notes are
 * their own data category (WB_CAT_NOTES): a professional of another
 * organisation reads them only under a consent naming notes.  Notes are
 * append-only: nothing edits or deletes one; a correction is a new note.
 * Reads and additions are audited (note.read, note.add) with ids only,
 * never the text.
 */
#ifndef WB_NOTE_H
#define WB_NOTE_H

#include "base/arena.h"
#include "base/err.h"
#include "domain/actor.h"
#include "store/db.h"

#define WB_NOTE_BODY_MAX	4000	/* characters */
#define WB_NOTE_LIST_MAX	1000	/* newest notes a list shows */

/* The kinds ("gesprek", "telefoon", "mail", "notitie"), NULL-terminated,
 * and their Dutch labels. */
extern const char *const wb_note_kinds[];
const char	*wb_note_kind_label(const char *kind);

struct wb_note {
	int64_t		 id, client_id, org_id, author_id;
	const char	*kind;
	int64_t		 on_date;	/* days since 1970-01-01 */
	const char	*body;		/* may hold newlines */
	const char	*author_name, *org_name;
	int64_t		 created_at;	/* Unix seconds */
};

/* Add a note (a professional with write access to notes).  kind one of
 * wb_note_kinds; on_date dd-mm-jjjj or ISO, not in the future; body 1 to
 * WB_NOTE_BODY_MAX characters, newlines allowed.  Field errors: kind,
 * on_date, body.  Audited note.add. */
int	wb_note_add(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, const char *kind, const char *on_date,
	    const char *body, int64_t *id, struct wb_err *err)
	    WB_WARN_UNUSED;

/* The client's notes, newest first (by date, then as written), with
 * author and organisation names; at most WB_NOTE_LIST_MAX.  Needs the
 * notes category; a GGZ institution's notes are care notes, shown to
 * another organisation only with the health category as well.  Audited
 * note.read. */
int	wb_note_list(struct wb_db *db, const struct wb_actor *actor,
	    int64_t client_id, struct wb_arena *a, struct wb_note **out,
	    size_t *n, struct wb_err *err) WB_WARN_UNUSED;

#endif /* WB_NOTE_H */
