/* fuzz/fuzz_sb.c: libFuzzer target for the StatsBomb decoders. The whole
 * input is read as an event file, a matches file and a lineups file; each ends in
 * success or an error with a location. On success every event's raw span
 * lies inside the input and starts and ends its JSON object, and every
 * match has an id, a valid date and both teams. */
#include "touchline/sb.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct tl_sb_match m;
    struct tl_error err;
    tl_sb_init(&m);
    tl_rc rc = tl_sb_read_events(&m, buf, size, "fuzz.json", &err);
    if (rc == TL_OK) {
        for (size_t i = 0; i < m.n; i++) {
            const struct tl_sb_event *e = &m.ev[i];
            if (e->raw_off + e->raw_len > size || buf[e->raw_off] != '{' ||
                buf[e->raw_off + e->raw_len - 1] != '}')
                abort();
            if (!tl_sb_type_name(e->type) || e->period < 1 || e->period > 5) abort();
            if (e->lineup + e->nlineup > m.nlineups) abort();
        }
    } else if (rc != TL_EPARSE && rc != TL_ELIMIT) {
        abort();
    } else if (err.line < 1 || err.col < 1) {
        abort();
    }
    tl_sb_free(&m);

    struct tl_sb_fixtures f = {0};
    rc = tl_sb_read_matches(&f, buf, size, "fuzz.json", &err);
    if (rc == TL_OK) {
        for (size_t i = 0; i < f.n; i++)
            if (!f.v[i].match_id || strlen(f.v[i].date) != 10 || !f.v[i].home_id || !f.v[i].away_id)
                abort();
    } else if ((rc != TL_EPARSE && rc != TL_ELIMIT) || err.line < 1 || err.col < 1) {
        abort();
    }
    tl_sb_fixtures_free(&f);

    struct tl_sb_lineups l = {0};
    rc = tl_sb_read_lineups(&l, buf, size, "fuzz.json", &err);
    if (rc == TL_OK) {
        for (size_t i = 0; i < l.nteams; i++)
            if (l.teams[i].player + l.teams[i].nplayers > l.nplayers) abort();
        for (size_t i = 0; i < l.nplayers; i++)
            if (l.players[i].spell + l.players[i].nspells > l.nspells ||
                l.players[i].card + l.players[i].ncards > l.ncards)
                abort();
    } else if ((rc != TL_EPARSE && rc != TL_ELIMIT) || err.line < 1 || err.col < 1) {
        abort();
    }
    tl_sb_lineups_free(&l);
    return 0;
}
