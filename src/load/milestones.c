/* load/milestones.c: keep the stored milestones up to date: when the goals,
 * matches, birth dates or baselines they come from change, find them all
 * again (one pass over the data, a fraction of a second). */
#include "touchline/engine.h"
#include "touchline/load.h"

#include <stdio.h>
#include <string.h>

/* every milestone of the data, found in one pass (read only) */
static tl_rc find_all(tl_store *s, struct tl_milestone_list *out, struct tl_error *err)
{
    struct tl_ms_match_list ml = {0};
    struct tl_ms_goal_list gl = {0};
    struct tl_baseline_list bl = {0};
    size_t *index = NULL;
    tl_rc rc = tl_store_ms_matches(s, &ml, err);
    if (!rc) rc = tl_store_ms_goals(s, &gl, err);
    if (!rc) rc = tl_store_baselines(s, &bl, err);
    int64_t max = 0;
    for (size_t i = 0; !rc && i < ml.n; i++)
        if (ml.v[i].id > max) max = ml.v[i].id;
    if (!rc && !(index = tl_calloc((size_t)max + 1, sizeof *index)))
        rc = tl_err(err, TL_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < ml.n; i++) index[ml.v[i].id] = i;
    for (size_t i = 0; !rc && i < gl.n; i++) /* goals of played matches only */
        gl.v[i].match = gl.v[i].match <= (size_t)max ? index[gl.v[i].match] : 0;
    if (!rc && tl_engine_milestones(&ml, &gl, &bl, out))
        rc = tl_err(err, TL_ENOMEM, "out of memory finding milestones");
    tl_free(index);
    tl_baseline_list_free(&bl);
    tl_ms_goal_list_free(&gl);
    tl_ms_match_list_free(&ml);
    return rc;
}

tl_rc tl_load_milestones_of(tl_store *s, int64_t match_id, struct tl_milestone_list *out,
                            struct tl_error *err)
{
    struct tl_milestone_list all = {0};
    tl_rc rc = find_all(s, &all, err);
    for (size_t i = 0; !rc && i < all.n; i++) {
        if (all.v[i].match_id != match_id) continue;
        if (out->n == out->alloc) {
            size_t na = out->alloc ? out->alloc * 2 : 8;
            struct tl_milestone *p = tl_realloc(out->v, na * sizeof *p);
            if (!p) {
                rc = tl_err(err, TL_ENOMEM, "out of memory");
                break;
            }
            out->v = p;
            out->alloc = na;
        }
        out->v[out->n++] = all.v[i]; /* the strings move to out */
        memset(&all.v[i], 0, sizeof all.v[i]);
    }
    tl_milestone_list_free(&all);
    return rc;
}

tl_rc tl_load_milestones(tl_store *s, int rebuild, long *found, struct tl_error *err)
{
    *found = -1;
    char data[512], now[600], saved[600];
    tl_rc rc = tl_store_begin_derived(s, err);
    if (rc) return rc;
    rc = tl_store_ms_fingerprint(s, data, sizeof data, err);
    snprintf(now, sizeof now, "%s; %s", TL_MS_METHOD, data);
    if (!rc) rc = tl_store_ms_saved(s, saved, sizeof saved, err);
    if (rc || (!rebuild && strcmp(now, saved) == 0)) {
        tl_store_rollback(s);
        return rc;
    }
    struct tl_milestone_list out = {0};
    rc = find_all(s, &out, err);
    if (!rc) rc = tl_store_ms_save(s, &out, now, err);
    if (!rc) rc = tl_store_commit_derived(s, err);
    else tl_store_rollback(s);
    if (!rc) *found = (long)out.n;
    tl_milestone_list_free(&out);
    return rc;
}
