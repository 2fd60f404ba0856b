/* banned.h - functions that must not be used in werkbrug (after git's banned.h).
 *
 * Using one of these is a compile error.  See docs/conventions.md for what to
 * use instead (wb_buf, snprintf with a checked result, wb_parse_int64, ...).
 */
#ifndef WB_BANNED_H
#define WB_BANNED_H

#define WB_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) WB_BANNED(strcpy)
#undef strcat
#define strcat(x, y) WB_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) WB_BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) WB_BANNED(strncat)
#undef sprintf
#define sprintf(...) WB_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) WB_BANNED(vsprintf)
#undef gets
#define gets(x) WB_BANNED(gets)
#undef strtok
#define strtok(x, y) WB_BANNED(strtok)
#undef atoi
#define atoi(x) WB_BANNED(atoi)
#undef atol
#define atol(x) WB_BANNED(atol)
#undef atof
#define atof(x) WB_BANNED(atof)
#undef sscanf
#define sscanf(...) WB_BANNED(sscanf)
#undef gmtime
#define gmtime(t) WB_BANNED(gmtime)
#undef localtime
#define localtime(t) WB_BANNED(localtime)
#undef ctime
#define ctime(t) WB_BANNED(ctime)
#undef asctime
#define asctime(t) WB_BANNED(asctime)
#undef tmpnam
#define tmpnam(x) WB_BANNED(tmpnam)
#undef mktemp
#define mktemp(x) WB_BANNED(mktemp)
#undef system
#define system(x) WB_BANNED(system)
#undef rand
#define rand() WB_BANNED(rand)

#endif /* WB_BANNED_H */
