/* util/buf.c: a growable byte buffer with a hard cap (curl's "toobig"). */
#include "touchline/util.h"

#include <stdio.h>
#include <string.h>

#define TL_BUF_DEFAULT_CAP ((size_t)64 << 20)

void tl_buf_init(struct tl_buf *b, size_t cap)
{
    b->data = NULL;
    b->len = b->alloc = 0;
    b->cap = cap ? cap : TL_BUF_DEFAULT_CAP;
}

void tl_buf_free(struct tl_buf *b)
{
    tl_free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
}

void tl_buf_reset(struct tl_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

static tl_rc reserve(struct tl_buf *b, size_t extra)
{
    if (extra > b->cap || b->len > b->cap - extra) return TL_ELIMIT;
    size_t need = b->len + extra + 1;
    if (need <= b->alloc) return TL_OK;
    size_t n = b->alloc ? b->alloc : 64;
    while (n < need) n *= 2;
    char *p = tl_realloc(b->data, n);
    if (!p) return TL_ENOMEM;
    b->data = p;
    b->alloc = n;
    return TL_OK;
}

tl_rc tl_buf_add(struct tl_buf *b, const void *p, size_t n)
{
    tl_rc rc = reserve(b, n);
    if (rc) return rc;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return TL_OK;
}

tl_rc tl_buf_addc(struct tl_buf *b, char c) { return tl_buf_add(b, &c, 1); }

tl_rc tl_buf_adds(struct tl_buf *b, const char *s) { return tl_buf_add(b, s, strlen(s)); }

tl_rc tl_buf_vprintf(struct tl_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return TL_EIO;
    tl_rc rc = reserve(b, (size_t)n);
    if (rc) return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return TL_OK;
}

tl_rc tl_buf_printf(struct tl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tl_rc rc = tl_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}
