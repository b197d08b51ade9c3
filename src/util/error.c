/* util/error.c: located errors (file:line:column: message) and rc names. */
#include "touchline/util.h"

#include <stdio.h>
#include <string.h>

void tl_err_clear(struct tl_error *err)
{
    if (!err) return;
    memset(err, 0, sizeof *err);
}

static void set_msg(struct tl_error *err, const char *fmt, va_list ap)
{
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

tl_rc tl_err(struct tl_error *err, tl_rc rc, const char *fmt, ...)
{
    if (!err) return rc;
    err->rc = rc;
    err->file[0] = '\0';
    err->line = err->col = 0;
    va_list ap;
    va_start(ap, fmt);
    set_msg(err, fmt, ap);
    va_end(ap);
    return rc;
}

tl_rc tl_err_at(struct tl_error *err, tl_rc rc, const char *file, long line, long col,
                const char *fmt, ...)
{
    if (!err) return rc;
    err->rc = rc;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    set_msg(err, fmt, ap);
    va_end(ap);
    return rc;
}

void tl_err_format(const struct tl_error *err, char *out, size_t cap)
{
    if (!cap) return;
    if (err->file[0] && err->line > 0 && err->col > 0)
        snprintf(out, cap, "%s:%ld:%ld: %s", err->file, err->line, err->col, err->msg);
    else if (err->file[0] && err->line > 0)
        snprintf(out, cap, "%s:%ld: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        snprintf(out, cap, "%s: %s", err->file, err->msg);
    else
        snprintf(out, cap, "%s", err->msg[0] ? err->msg : tl_rc_name(err->rc));
}

void tl_err_print(const struct tl_error *err, const char *prog, FILE *f)
{
    char line[1200];
    tl_err_format(err, line, sizeof line);
    fprintf(f, "%s: %s\n", prog, line);
}

const char *tl_rc_name(tl_rc rc)
{
    switch (rc) {
    case TL_OK: return "ok";
    case TL_EOF: return "end of input";
    case TL_EPARSE: return "malformed input";
    case TL_EIO: return "input/output error";
    case TL_ENOMEM: return "out of memory";
    case TL_ELIMIT: return "size limit reached";
    case TL_ESTORE: return "database error";
    case TL_ENOTFOUND: return "not found";
    case TL_EAMBIG: return "ambiguous";
    case TL_EUSAGE: return "usage error";
    case TL_ENET: return "network error";
    case TL_ECHECK: return "verification failed";
    }
    return "unknown error";
}
