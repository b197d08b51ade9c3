/* resolve/resolve.c: names typed by people -> stored teams and competitions. */
#include "touchline/resolve.h"

#include <string.h>

static void fill(struct tl_team_match *out, const struct tl_name_entry *e)
{
    memset(out, 0, sizeof *out);
    out->team_id = e->team_id;
    snprintf(out->team, sizeof out->team, "%s", e->team);
    snprintf(out->as, sizeof out->as, "%s", e->name);
    if (e->former) {
        snprintf(out->from, sizeof out->from, "%s", e->from);
        snprintf(out->to, sizeof out->to, "%s", e->to);
    }
}

struct cand {
    const char *name;
    int score;
};

size_t tl_resolve_suggest(const struct tl_name_list *names, const char *query, const char **out,
                          size_t n)
{
    char q[256];
    size_t ql = tl_fold(query, strlen(query), q, sizeof q);
    struct cand best[16];
    size_t nb = 0;
    int max = ql < 6 ? 2 : (int)ql / 3;
    for (size_t i = 0; i < names->n; i++) {
        const struct tl_name_entry *e = &names->v[i];
        int d = tl_edit_distance(q, e->folded, max);
        int score = d <= max ? d * 10 : 1000;
        /* a name that contains what was typed as a word is a good suggestion */
        const char *hit = ql >= 3 ? strstr(e->folded, q) : NULL;
        if (hit && (hit == e->folded || hit[-1] == ' ')) score = score < 15 ? score : 15;
        if (score >= 1000) continue;
        /* skip duplicates of a name already suggested */
        int dup = 0;
        for (size_t k = 0; k < nb; k++)
            if (strcmp(best[k].name, e->name) == 0) dup = 1;
        if (dup) continue;
        size_t pos = nb < 16 ? nb++ : 16;
        if (pos == 16) {
            if (score >= best[15].score) continue;
            pos = 15;
        }
        best[pos] = (struct cand){e->name, score};
        while (pos > 0 && (best[pos].score < best[pos - 1].score ||
                           (best[pos].score == best[pos - 1].score &&
                            strcmp(best[pos].name, best[pos - 1].name) < 0))) {
            struct cand t = best[pos];
            best[pos] = best[pos - 1];
            best[pos - 1] = t;
            pos--;
        }
    }
    size_t k = 0;
    for (; k < nb && k < n; k++) out[k] = best[k].name;
    return k;
}

tl_rc tl_resolve_name(const struct tl_name_list *names, const char *what, const char *query,
                      struct tl_team_match *out, struct tl_error *err)
{
    char q[256];
    tl_fold(query, strlen(query), q, sizeof q);
    /* 1. a current name */
    for (size_t i = 0; i < names->n; i++)
        if (!names->v[i].former && strcmp(names->v[i].folded, q) == 0) {
            fill(out, &names->v[i]);
            return TL_OK;
        }
    /* 2. a former name: one team, possibly several periods (take the span) */
    const struct tl_name_entry *hit = NULL;
    for (size_t i = 0; i < names->n; i++) {
        const struct tl_name_entry *e = &names->v[i];
        if (!e->former || strcmp(e->folded, q) != 0) continue;
        if (!hit) {
            hit = e;
            fill(out, e);
        } else if (e->team_id != hit->team_id) {
            return tl_err(err, TL_EAMBIG, "%s \"%s\" was a name of both %s and %s; say which",
                          what, query, hit->team, e->team);
        } else {
            if (strcmp(e->from, out->from) < 0) snprintf(out->from, sizeof out->from, "%s", e->from);
            if (strcmp(e->to, out->to) > 0) snprintf(out->to, sizeof out->to, "%s", e->to);
        }
    }
    if (hit) return TL_OK;
    /* 3. nothing: suggest */
    const char *sug[5];
    size_t ns = tl_resolve_suggest(names, query, sug, 5);
    char list[600] = "";
    size_t used = 0;
    for (size_t i = 0; i < ns && used < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", sug[i]);
        if (w < 0) break;
        used += (size_t)w;
    }
    if (ns)
        return tl_err(err, TL_ENOTFOUND, "unknown %s \"%s\"; did you mean: %s?", what, query, list);
    return tl_err(err, TL_ENOTFOUND, "unknown %s \"%s\" (no similar name in the database)", what,
                  query);
}
