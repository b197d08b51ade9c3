/* fuzz/fuzz_instant.c: libFuzzer target for the --as-of moment parser
 * (tl_instant_parse). What parses must format back to a moment that parses
 * to the same second; what does not must say what it expected. The kick-off
 * model then runs on that moment for a fixed match (no state it reaches may
 * break the match it makes). */
#include "touchline/engine.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64) return 0;
    char text[65];
    memcpy(text, data, size);
    text[size] = '\0';
    int64_t t, again;
    const char *why;
    if (tl_instant_parse(text, &t, &why)) {
        if (!why || !*why) abort();
        return 0;
    }
    char out[21];
    tl_instant_format(t, out);
    if (tl_instant_parse(out, &again, &why) || again != t) abort();
    static char a[] = "A", b[] = "B";
    struct tl_tmatch m = {.name = {a, b}, .current = {a, b}, .score = {1, 1}, .so = {3, 2},
                          .aet = 1, .status = TL_STATUS_FINISHED};
    struct tl_event ev[] = {{.kind = TL_EV_GOAL, .minute = 45, .added = 3, .team = a},
                            {.kind = TL_EV_OWN_GOAL, .minute = 118, .team = b}};
    struct tl_event_list l = {.v = ev, .n = 2};
    struct tl_clock c;
    int64_t ko;
    if (tl_instant_local("2022-12-18", "18:00", 180, &ko)) abort();
    tl_engine_clock_model(&m, &l, ko, t, &c);
    if (tl_engine_match_at(&m, &l, &c, NULL)) abort();
    if (m.score[0] != TL_NONE && (m.score[0] < 0 || m.score[0] > 1 || m.score[1] > 1)) abort();
    return 0;
}
