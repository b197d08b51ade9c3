/* cli/cmd_report.c: `touchline report` and `touchline preview`: a match
 * told from the facts the data holds, every sentence with the facts it
 * rests on (--explain prints them, --format json returns them). */
#include "cli.h"

#include "touchline/report.h"

#include <stdlib.h>
#include <string.h>

static void json_fact(struct tl_json *j, const struct tl_fact *f, int index)
{
    tl_json_obj(j);
    tl_json_key(j, "index");
    tl_json_int(j, index);
    tl_json_key(j, "kind");
    tl_json_str(j, tl_fact_kind_name(f->kind));
    tl_json_key(j, "ref");
    tl_json_str(j, f->ref);
    const struct {
        const char *k;
        const char *v;
    } strs[] = {{"source", f->source},   {"team", f->team},       {"opponent", f->opponent},
                {"player", f->player},   {"keeper", f->keeper},   {"competition", f->competition},
                {"stage", f->stage},     {"group", f->group},     {"venue", f->venue},
                {"city", f->city},       {"how", f->how},         {"text", f->text}};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        if (strs[i].v) {
            tl_json_key(j, strs[i].k);
            tl_json_str(j, strs[i].v);
        }
    if (f->date[0]) {
        tl_json_key(j, "date");
        tl_json_str(j, f->date);
    }
    if (f->side >= 0) {
        tl_json_key(j, "side");
        tl_json_str(j, f->side ? "away" : "home");
    }
    if (f->minute != TL_NONE) {
        tl_json_key(j, "minute");
        tl_json_int(j, f->minute);
        tl_json_key(j, "added");
        tl_json_int(j, f->added);
    }
    int has_score = f->kind == TL_F_RESULT || f->kind == TL_F_GOAL || f->kind == TL_F_OTHER;
    if (has_score && f->score[0] != TL_NONE) {
        tl_json_key(j, "score");
        tl_json_arr(j);
        tl_json_int(j, f->score[0]);
        tl_json_int(j, f->score[1]);
        tl_json_end_arr(j);
    }
    if (f->kicks[0] != TL_NONE) {
        tl_json_key(j, "kicks");
        tl_json_arr(j);
        tl_json_int(j, f->kicks[0]);
        tl_json_int(j, f->kicks[1]);
        tl_json_end_arr(j);
    }
    const struct {
        const char *k;
        int v, show;
    } ints[] = {{"extra_time", f->aet, f->kind == TL_F_RESULT || f->kind == TL_F_OTHER},
                {"penalty", f->penalty, f->kind == TL_F_GOAL || f->kind == TL_F_OTHER},
                {"own_goal", f->own_goal, f->kind == TL_F_GOAL},
                {"header", f->header, f->kind == TL_F_GOAL},
                {"outside_box", f->outside_box, f->kind == TL_F_GOAL},
                {"second_yellow", f->second_yellow, f->kind == TL_F_RED},
                {"position", f->position, f->kind == TL_F_TABLE},
                {"points", f->points, f->kind == TL_F_TABLE},
                {"played", f->played, f->kind == TL_F_TABLE || f->kind == TL_F_FORM || f->kind == TL_F_H2H},
                {"count", f->count, f->kind == TL_F_TITLES || f->kind == TL_F_MILESTONE},
                {"year", f->year, f->kind == TL_F_HOLDERS || f->kind == TL_F_RUNNERS_UP},
                {"won", f->won, f->kind == TL_F_FORM || f->kind == TL_F_H2H},
                {"drawn", f->drawn, f->kind == TL_F_FORM || f->kind == TL_F_H2H},
                {"lost", f->lost, f->kind == TL_F_FORM || f->kind == TL_F_H2H},
                {"level", f->position, f->kind == TL_F_NEXT || f->kind == TL_F_OUT}};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++)
        if (ints[i].show) {
            tl_json_key(j, ints[i].k);
            tl_json_int(j, ints[i].v);
        }
    if (f->kind == TL_F_ODDS) {
        tl_json_key(j, "probabilities");
        tl_json_arr(j);
        for (int k = 0; k < 3; k++) tl_json_num(j, f->p[k], 4);
        tl_json_end_arr(j);
    }
    tl_json_end_obj(j);
}

static void json_sentence(struct tl_json *j, const struct tl_sentence *s,
                          const struct tl_fact_list *f)
{
    tl_json_obj(j);
    tl_json_key(j, "text");
    tl_json_str(j, s->text);
    tl_json_key(j, "paragraph");
    tl_json_bool(j, s->paragraph);
    tl_json_key(j, "facts");
    tl_json_arr(j);
    for (int k = 0; k < s->nfacts; k++) json_fact(j, &f->v[s->fact[k]], s->fact[k]);
    tl_json_end_arr(j);
    tl_json_end_obj(j);
}

static void explain(const struct tl_sentence *s, const struct tl_fact_list *f)
{
    fprintf(cli_out, "    [");
    for (int k = 0; k < s->nfacts; k++) {
        const struct tl_fact *x = &f->v[s->fact[k]];
        fprintf(cli_out, "%s%s: %s", k ? "; " : "", tl_fact_kind_name(x->kind), x->ref);
        if (x->source) fprintf(cli_out, " (%s)", x->source);
    }
    fprintf(cli_out, "]\n");
}

static int run(struct cli *c, int preview)
{
    const char *format = cli_opt(c, "format");
    if (c->fmt == TL_OUT_JSON) format = "json";
    if (!format) format = "text";
    if (strcmp(format, "text") && strcmp(format, "markdown") && strcmp(format, "json"))
        return cli_usage(c, "--format expects text, markdown or json, found \"%s\"", format);
    const struct tl_phrasebook *pb = tl_phrasebook(cli_opt(c, "lang"));
    if (!pb) return cli_usage(c, "--lang: no phrasebook for \"%s\" (languages: en)", cli_opt(c, "lang"));
    unsigned long long seed;
    if (cli_seed_arg(c, &seed)) return EXIT_USAGE;
    if (c->npos != 1 && c->npos != 3)
        return cli_usage(c, "expected DATE HOME AWAY, a match id or statsbomb:ID, found %zu "
                            "argument%s", c->npos, c->npos == 1 ? "" : "s");
    int rc = cli_open(c);
    struct tl_match_list ml = {0};
    if (!rc) rc = cli_find_match(c, 0, &ml);
    if (rc) {
        tl_match_list_free(&ml);
        return rc;
    }
    const struct tl_match *m = &ml.v[0];
    struct tl_error err;
    tl_err_clear(&err);
    struct tl_fact_list facts = {0};
    struct tl_report r = {0};
    if (preview && m->score_home != TL_NONE && m->status == TL_STATUS_FINISHED) {
        fprintf(cli_err, "%s: %s v %s (%s) has been played; 'touchline report' tells it\n", c->prog,
                m->home, m->away, m->date);
        rc = EXIT_FAIL;
        goto out;
    }
    if (!preview && m->score_home == TL_NONE) {
        fprintf(cli_err, "%s: %s v %s (%s) has no result yet; 'touchline preview' looks ahead to it\n",
                c->prog, m->home, m->away, m->date);
        rc = EXIT_FAIL;
        goto out;
    }
    if ((preview ? tl_load_preview_facts(c->store, m->id, &facts, &err)
                 : tl_load_match_facts(c->store, m->id, &facts, &err))) {
        rc = cli_fail(c, &err);
        goto out;
    }
    tl_rc w = preview ? tl_report_preview(&facts, pb, seed, &r) : tl_report_write(&facts, pb, seed, &r);
    if (w) {
        tl_err(&err, w, "cannot write the %s of match %lld", preview ? "preview" : "report",
               (long long)m->id);
        rc = cli_fail(c, &err);
        goto out;
    }
    if (strcmp(format, "json") == 0) {
        struct tl_json j;
        tl_json_init(&j, cli_out);
        tl_json_obj(&j);
        tl_json_key(&j, "match");
        cli_json_match(&j, m);
        tl_json_key(&j, "kind");
        tl_json_str(&j, preview ? "preview" : m->status == TL_STATUS_LIVE ? "live" : "report");
        tl_json_key(&j, "language");
        tl_json_str(&j, r.lang);
        tl_json_key(&j, "seed");
        tl_json_int(&j, (long)seed);
        tl_json_key(&j, "headline");
        json_sentence(&j, &r.headline, &facts);
        tl_json_key(&j, "sentences");
        tl_json_arr(&j);
        for (size_t i = 0; i < r.n; i++) json_sentence(&j, &r.v[i], &facts);
        tl_json_end_arr(&j);
        tl_json_end_obj(&j);
        tl_json_done(&j);
        goto out;
    }
    int md = strcmp(format, "markdown") == 0, ex = cli_opt(c, "explain") != NULL;
    fprintf(cli_out, md ? "# %s\n" : "%s\n", r.headline.text);
    if (ex) explain(&r.headline, &facts);
    if (!md) {
        for (const char *p = r.headline.text; *p; p++) fputc('=', cli_out);
        fputc('\n', cli_out);
    }
    int col = 0;
    for (size_t i = 0; i < r.n; i++) {
        const struct tl_sentence *s = &r.v[i];
        if (s->paragraph || ex) {
            fprintf(cli_out, col ? "\n\n" : "\n");
            col = 0;
        }
        if (ex) {
            fprintf(cli_out, "%s\n", s->text);
            explain(s, &facts);
            continue;
        }
        fprintf(cli_out, "%s%s", col ? " " : "", s->text);
        col = 1;
    }
    if (col) fputc('\n', cli_out);
out:
    tl_report_free(&r);
    tl_fact_list_free(&facts);
    tl_match_list_free(&ml);
    return rc;
}

int cmd_report(struct cli *c) { return run(c, 0); }
int cmd_preview(struct cli *c) { return run(c, 1); }
