/* fuzz/fuzz_ftxt.c: libFuzzer target for the football.txt reader. Pulls
 * every record; an error must carry a line and column inside the input and
 * the reader must always advance. Every other record is read with
 * tl_ft_next_into, into one of two arenas, and its strings are read again
 * after the next record (they must still be there: ASan says if not). */
#include "touchline/ftxt.h"

#include <stdlib.h>
#include <string.h>

static size_t strings_of(const struct tl_ft_record *r)
{
    size_t n = 0;
    if (r->kind == TL_FT_MATCH) {
        const struct tl_ft_match *m = &r->u.match;
        const char *s[] = {m->team[0], m->team[1], m->note, m->venue, m->city, m->stage, m->group};
        for (size_t i = 0; i < sizeof s / sizeof *s; i++) n += s[i] ? strlen(s[i]) : 0;
        for (int k = 0; k < m->ngoals; k++) n += strlen(m->goals[k].player);
    } else if (r->kind == TL_FT_LINEUP) {
        for (int k = 0; k < r->u.lineup.nplayers; k++)
            n += r->u.lineup.players[k].name ? strlen(r->u.lineup.players[k].name) : 0;
    } else if (r->kind == TL_FT_SQUAD_PLAYER) {
        n += r->u.squad_player.team ? strlen(r->u.squad_player.team) : 0;
        n += r->u.squad_player.name ? strlen(r->u.squad_player.name) : 0;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile size_t sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tl_ft_reader r;
    static struct tl_ft_record rec, held[2];
    struct tl_error err;
    static char *arena[2];
    for (int i = 0; i < 2; i++)
        if (!arena[i] && !(arena[i] = tl_ft_arena_new())) abort();
    int have = 0; /* held[0] came from tl_ft_next_into and is still to be read again */
    tl_ft_init(&r, (const char *)data, size, "fuzz.txt");
    long lines = 1;
    for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
    for (int guard = 0;; guard++) {
        tl_rc rc;
        if (guard % 2) {
            rc = tl_ft_next_into(&r, &held[guard / 2 % 2], arena[guard / 2 % 2], &err);
            if (rc == TL_OK) rec = held[guard / 2 % 2];
            if (have) sink += strings_of(&held[(guard / 2 + 1) % 2]);
            have = rc == TL_OK;
        } else {
            rc = tl_ft_next(&r, &rec, &err);
        }
        if (rc == TL_EOF) break;
        if (rc != TL_OK) {
            if (rc != TL_EPARSE && rc != TL_ELIMIT && rc != TL_ENOMEM) abort();
            if (err.line < 1 || err.line > lines || err.col < 1 || !err.msg[0]) abort();
        } else if (rec.kind == TL_FT_MATCH) {
            for (int k = 0; k < rec.u.match.ngoals; k++)
                if (!rec.u.match.goals[k].player) abort();
        }
        if (guard > 1000000) abort();
    }
    tl_ft_free(&r);
    return 0;
}
