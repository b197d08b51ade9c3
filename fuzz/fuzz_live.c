/* fuzz/fuzz_live.c: libFuzzer target for the live API's body parsers (an
 * event, a match to schedule) and for the feed item reader: any input either parses into values within
 * their bounds or fails with TL_EPARSE. */
#include "touchline/live.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tl_live_event e;
    struct tl_live_match m;
    struct tl_error err;
    tl_rc rc = tl_live_parse_event((const char *)data, size, &e, &err);
    if (rc && rc != TL_EPARSE && rc != TL_ELIMIT) abort();
    if (!rc) {
        if ((unsigned)e.kind >= TL_LIVE__COUNT) abort();
        if (e.minute != TL_NONE && (e.minute < 0 || e.minute > 150)) abort();
        if (strlen(e.team) >= sizeof e.team || strlen(e.player) >= sizeof e.player) abort();
    }
    rc = tl_live_parse_match((const char *)data, size, &m, &err);
    if (rc && rc != TL_EPARSE && rc != TL_ELIMIT) abort();
    if (!rc && (!m.date[0] || !m.home[0] || !m.away[0])) abort();
    struct tl_live_item it;
    rc = tl_live_parse_item((const char *)data, size, &it, &err);
    if (rc && rc != TL_EPARSE && rc != TL_ELIMIT) abort();
    if (!rc && (it.score[0] == TL_NONE || it.score[1] == TL_NONE || !memchr(it.phase, 0, sizeof it.phase)))
        abort();
    return 0;
}
