/* import/sb.c: StatsBomb event files into typed events (see sb.h).
 * One pass of the JSON pull reader: each member the model knows is decoded
 * where it stands, every other one is skipped whole (its bytes stay in the
 * event's raw span). */
#include "touchline/sb.h"

#include "touchline/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[TL_SB_MAX_TYPE] = {
    [TL_SB_BALL_RECOVERY] = "Ball Recovery", [TL_SB_DISPOSSESSED] = "Dispossessed",
    [TL_SB_DUEL] = "Duel", [TL_SB_CAMERA_ON] = "Camera On", [TL_SB_BLOCK] = "Block",
    [TL_SB_OFFSIDE] = "Offside", [TL_SB_CLEARANCE] = "Clearance",
    [TL_SB_INTERCEPTION] = "Interception", [TL_SB_DRIBBLE] = "Dribble", [TL_SB_SHOT] = "Shot",
    [TL_SB_PRESSURE] = "Pressure", [TL_SB_HALF_START] = "Half Start",
    [TL_SB_SUBSTITUTION] = "Substitution", [TL_SB_OWN_GOAL_AGAINST] = "Own Goal Against",
    [TL_SB_FOUL_WON] = "Foul Won", [TL_SB_FOUL_COMMITTED] = "Foul Committed",
    [TL_SB_GOAL_KEEPER] = "Goal Keeper", [TL_SB_BAD_BEHAVIOUR] = "Bad Behaviour",
    [TL_SB_OWN_GOAL_FOR] = "Own Goal For", [TL_SB_PLAYER_ON] = "Player On",
    [TL_SB_PLAYER_OFF] = "Player Off", [TL_SB_SHIELD] = "Shield", [TL_SB_CAMERA_OFF] = "Camera off",
    [TL_SB_PASS] = "Pass", [TL_SB_FIFTY_FIFTY] = "50/50", [TL_SB_HALF_END] = "Half End",
    [TL_SB_STARTING_XI] = "Starting XI", [TL_SB_TACTICAL_SHIFT] = "Tactical Shift",
    [TL_SB_ERROR] = "Error", [TL_SB_MISCONTROL] = "Miscontrol",
    [TL_SB_DRIBBLED_PAST] = "Dribbled Past", [TL_SB_INJURY_STOPPAGE] = "Injury Stoppage",
    [TL_SB_REFEREE_BALL_DROP] = "Referee Ball-Drop", [TL_SB_BALL_RECEIPT] = "Ball Receipt*",
    [TL_SB_CARRY] = "Carry",
};

const char *tl_sb_type_name(int type)
{
    return type > 0 && type < TL_SB_MAX_TYPE ? type_names[type] : NULL;
}

void tl_sb_init(struct tl_sb_match *m)
{
    memset(m, 0, sizeof *m);
    tl_buf_init(&m->names_text, 0);
    tl_map_init(&m->name_index);
}

void tl_sb_free(struct tl_sb_match *m)
{
    tl_free(m->ev);
    tl_free(m->lineups);
    tl_free(m->names);
    tl_buf_free(&m->names_text);
    tl_map_free(&m->name_index);
    memset(m, 0, sizeof *m);
}

static void name_key(char key[5], enum tl_sb_kind kind, int32_t id)
{
    key[0] = (char)kind;
    memcpy(key + 1, &id, 4);
}

const char *tl_sb_name(const struct tl_sb_match *m, enum tl_sb_kind kind, int32_t id)
{
    char key[5];
    int64_t v;
    name_key(key, kind, id);
    if (!tl_map_get(&m->name_index, key, 5, &v)) return "";
    return m->names_text.data + m->names[v].off;
}

/* ---- the decoder ---- */

#define SEEN_IDS 65536 /* ids below this are remembered in a bitmap */

struct dec {
    struct tl_jreader r;
    struct tl_sb_match *m;
    struct tl_error *err;
    uint64_t *seen;   /* (kind, id) whose name is kept: TL_SBK__COUNT + 1 bitmaps */
    struct tl_sb_lineups *l; /* lineups files */
};

static tl_rc next(struct dec *d)
{
    tl_rc rc = tl_jnext(&d->r, d->err);
    if (rc == TL_EOF) return tl_jerr_at(&d->r, d->err, d->r.pos, "expected more input");
    return rc;
}

static tl_rc oom(struct dec *d) { return tl_err(d->err, TL_ENOMEM, "out of memory"); }

static tl_rc grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return TL_OK;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need) c *= 2;
    void *q = tl_realloc(*p, c * size);
    if (!q) return TL_ENOMEM;
    *p = q;
    *cap = c;
    return TL_OK;
}

static tl_rc number(struct dec *d, double *v)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok != TL_J_NUM) return tl_jexpected(&d->r, d->err, "a number");
    *v = d->r.num;
    return TL_OK;
}

static tl_rc real(struct dec *d, float *v)
{
    double x = 0;
    tl_rc rc = number(d, &x);
    *v = (float)x;
    return rc;
}

static tl_rc integer(struct dec *d, int32_t *v)
{
    double x = 0;
    tl_rc rc = number(d, &x);
    if (rc) return rc;
    if (x < -2147483647.0 || x > 2147483647.0 || x != (double)(int32_t)x)
        return tl_jexpected(&d->r, d->err, "a whole number (32 bits)");
    *v = (int32_t)x;
    return TL_OK;
}

/* a whole number in [lo, hi] */
static tl_rc ranged(struct dec *d, int32_t lo, int32_t hi, const char *what, int32_t *v)
{
    tl_rc rc = integer(d, v);
    if (!rc && (*v < lo || *v > hi)) rc = tl_jexpected(&d->r, d->err, what);
    return rc;
}

static tl_rc boolean(struct dec *d, uint32_t *flags, uint32_t bit)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok == TL_J_TRUE) *flags |= bit;
    else if (d->r.tok == TL_J_FALSE) *flags &= ~bit;
    else return tl_jexpected(&d->r, d->err, "true or false");
    return TL_OK;
}

/* [x, y] or [x, y, z] */
static tl_rc coords(struct dec *d, float *out, uint8_t *n)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok != TL_J_ARR) return tl_jexpected(&d->r, d->err, "an array of coordinates");
    *n = 0;
    for (;;) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_ARR_END) break;
        if (d->r.tok != TL_J_NUM) return tl_jexpected(&d->r, d->err, "a coordinate (a number)");
        if (*n == 3) return tl_jexpected(&d->r, d->err, "at most 3 coordinates");
        out[(*n)++] = (float)d->r.num;
    }
    return TL_OK;
}

static tl_rc keep_name(struct dec *d, enum tl_sb_kind kind, int32_t id, const char *s, size_t n)
{
    char key[5];
    int64_t *slot;
    int created;
    if (id >= 0 && id < SEEN_IDS) {
        uint64_t *w = &d->seen[((size_t)kind * SEEN_IDS + (size_t)id) / 64], bit = 1ull << (id % 64);
        if (*w & bit) return TL_OK;
        *w |= bit;
    }
    name_key(key, kind, id);
    if (tl_map_slot(&d->m->name_index, key, 5, &slot, &created)) return oom(d);
    if (!created) return TL_OK;
    struct tl_sb_match *m = d->m;
    if (grow((void **)&m->names, &m->capnames, m->nnames + 1, sizeof *m->names)) return oom(d);
    m->names[m->nnames] = (struct tl_sb_name){(uint8_t)kind, id, (uint32_t)m->names_text.len};
    if (tl_buf_add(&m->names_text, s, n) || tl_buf_addc(&m->names_text, '\0')) return oom(d);
    *slot = (int64_t)m->nnames++;
    return TL_OK;
}

/* {"id": N, "name": "..."}: the id, and the name kept for kind */
static tl_rc ref(struct dec *d, enum tl_sb_kind kind, int32_t *id)
{
    int64_t v;
    if (tl_jidname(&d->r, &v)) { /* the usual shape, in one pass */
        *id = (int32_t)v;
        return keep_name(d, kind, *id, d->r.s, d->r.n);
    }
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok == TL_J_NULL) {
        *id = 0;
        return TL_OK;
    }
    if (d->r.tok != TL_J_OBJ) return tl_jexpected(&d->r, d->err, "an object with an id and a name");
    size_t start = d->r.tok_off;
    int have_id = 0;
    const char *name = NULL;
    size_t namelen = 0;
    char namebuf[256];
    for (;;) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_OBJ_END) break;
        if (tl_jeq(&d->r, "id")) {
            if ((rc = integer(d, id))) return rc;
            have_id = 1;
        } else if (tl_jeq(&d->r, "name")) {
            if ((rc = next(d))) return rc;
            if (d->r.tok != TL_J_STR) return tl_jexpected(&d->r, d->err, "a name (a string)");
            if (have_id) { /* the usual order: keep it now, no copy */
                if ((rc = keep_name(d, kind, *id, d->r.s, d->r.n))) return rc;
                continue;
            }
            /* the reader's string may live in its scratch space: copy it */
            namelen = d->r.n < sizeof namebuf ? d->r.n : sizeof namebuf - 1;
            memcpy(namebuf, d->r.s, namelen);
            name = namebuf;
        } else {
            if ((rc = next(d)) || (rc = tl_jskip(&d->r, d->err))) return rc;
        }
    }
    if (!have_id) return tl_jerr_at(&d->r, d->err, start, "expected an \"id\" in this object");
    return name ? keep_name(d, kind, *id, name, namelen) : TL_OK;
}

static tl_rc skip_value(struct dec *d)
{
    tl_rc rc = next(d);
    return rc ? rc : tl_jskip(&d->r, d->err);
}

/* Walk the members of the object whose '{' comes next; member() handles
 * each key (and its value) or returns 1 to have it skipped. */
typedef tl_rc (*member_fn)(struct dec *d, void *ctx, int *skip);

/* the members of an object whose '{' was just read */
static tl_rc members(struct dec *d, void *ctx, member_fn member)
{
    tl_rc rc;
    for (;;) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_OBJ_END) return TL_OK;
        int skip = 0;
        if ((rc = member(d, ctx, &skip))) return rc;
        if (skip && (rc = skip_value(d))) return rc;
    }
}

static tl_rc object(struct dec *d, void *ctx, member_fn member, const char *what)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok != TL_J_OBJ) return tl_jexpected(&d->r, d->err, what);
    return members(d, ctx, member);
}

static tl_rc shot_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_event *e = ctx;
    if (tl_jeq(&d->r, "type")) return ref(d, TL_SBK_SHOT_TYPE, &e->subtype);
    if (tl_jeq(&d->r, "outcome")) return ref(d, TL_SBK_OUTCOME, &e->outcome);
    if (tl_jeq(&d->r, "body_part")) return ref(d, TL_SBK_BODY_PART, &e->body_part);
    if (tl_jeq(&d->r, "technique")) return ref(d, TL_SBK_TECHNIQUE, &e->technique);
    if (tl_jeq(&d->r, "end_location")) return coords(d, e->end, &e->nend);
    if (tl_jeq(&d->r, "first_time")) return boolean(d, &e->flags, TL_SBF_FIRST_TIME);
    if (tl_jeq(&d->r, "deflected")) return boolean(d, &e->flags, TL_SBF_DEFLECTED);
    if (tl_jeq(&d->r, "statsbomb_xg")) return real(d, &e->xg);
    *skip = 1;
    return TL_OK;
}

static tl_rc pass_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_event *e = ctx;
    if (tl_jeq(&d->r, "recipient")) return ref(d, TL_SBK_PLAYER, &e->other);
    if (tl_jeq(&d->r, "type")) return ref(d, TL_SBK_PASS_TYPE, &e->subtype);
    if (tl_jeq(&d->r, "outcome")) return ref(d, TL_SBK_OUTCOME, &e->outcome);
    if (tl_jeq(&d->r, "height")) return ref(d, TL_SBK_HEIGHT, &e->height);
    if (tl_jeq(&d->r, "body_part")) return ref(d, TL_SBK_BODY_PART, &e->body_part);
    if (tl_jeq(&d->r, "technique")) return ref(d, TL_SBK_TECHNIQUE, &e->technique);
    if (tl_jeq(&d->r, "end_location")) return coords(d, e->end, &e->nend);
    if (tl_jeq(&d->r, "length")) return real(d, &e->length);
    *skip = 1;
    return TL_OK;
}

static tl_rc sub_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_event *e = ctx;
    if (tl_jeq(&d->r, "replacement")) return ref(d, TL_SBK_PLAYER, &e->other);
    if (tl_jeq(&d->r, "outcome")) return ref(d, TL_SBK_OUTCOME, &e->outcome);
    *skip = 1;
    return TL_OK;
}

static tl_rc card_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_event *e = ctx;
    if (tl_jeq(&d->r, "card")) return ref(d, TL_SBK_CARD, &e->card);
    *skip = 1;
    return TL_OK;
}

static tl_rc carry_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_event *e = ctx;
    if (tl_jeq(&d->r, "end_location")) return coords(d, e->end, &e->nend);
    *skip = 1;
    return TL_OK;
}

/* an outcome and nothing else we type (duel, dribble, 50/50, ball receipt...) */
static tl_rc outcome_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_event *e = ctx;
    if (tl_jeq(&d->r, "outcome")) return ref(d, TL_SBK_OUTCOME, &e->outcome);
    *skip = 1;
    return TL_OK;
}

static tl_rc lineup_entry_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_lineup_entry *l = &d->m->lineups[d->m->nlineups - 1];
    (void)ctx;
    if (tl_jeq(&d->r, "player")) return ref(d, TL_SBK_PLAYER, &l->player);
    if (tl_jeq(&d->r, "position")) return ref(d, TL_SBK_POSITION, &l->position);
    if (tl_jeq(&d->r, "jersey_number")) return integer(d, &l->jersey);
    *skip = 1;
    return TL_OK;
}

static tl_rc tactics_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_event *e = ctx;
    tl_rc rc;
    if (tl_jeq(&d->r, "formation")) return integer(d, &e->formation);
    if (!tl_jeq(&d->r, "lineup")) {
        *skip = 1;
        return TL_OK;
    }
    if ((rc = next(d))) return rc;
    if (d->r.tok != TL_J_ARR) return tl_jexpected(&d->r, d->err, "an array of players");
    struct tl_sb_match *m = d->m;
    e->lineup = (uint32_t)m->nlineups;
    e->nlineup = 0;
    for (;;) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_ARR_END) return TL_OK;
        if (d->r.tok != TL_J_OBJ) return tl_jexpected(&d->r, d->err, "a player of the lineup");
        if (grow((void **)&m->lineups, &m->caplineups, m->nlineups + 1, sizeof *m->lineups))
            return oom(d);
        m->lineups[m->nlineups++] = (struct tl_sb_lineup_entry){0, 0, 0};
        e->nlineup++;
        if ((rc = members(d, e, lineup_entry_member))) return rc;
    }
}

/* "00:12:34.567" -> milliseconds */
static int timestamp_ms(const char *s, size_t n, int32_t *ms)
{
    if (n != 12 || s[2] != ':' || s[5] != ':' || s[8] != '.') return -1;
    int v[4], w[4] = {2, 2, 2, 3}, at[4] = {0, 3, 6, 9};
    for (int k = 0; k < 4; k++) {
        v[k] = 0;
        for (int i = 0; i < w[k]; i++) {
            char c = s[at[k] + i];
            if (c < '0' || c > '9') return -1;
            v[k] = v[k] * 10 + (c - '0');
        }
    }
    if (v[1] > 59 || v[2] > 59) return -1;
    *ms = ((v[0] * 60 + v[1]) * 60 + v[2]) * 1000 + v[3];
    return 0;
}

enum {
    HAVE_ID = 1, HAVE_INDEX = 2, HAVE_PERIOD = 4, HAVE_TS = 8, HAVE_MINUTE = 16,
    HAVE_SECOND = 32, HAVE_TYPE = 64, HAVE_ALL = 127
};

static tl_rc event_member(struct dec *d, struct tl_sb_event *e, int *have)
{
    struct tl_jreader *r = &d->r;
    tl_rc rc;
    int32_t v = 0;
    const char *k = r->s;
    switch (r->n ? k[0] : 0) {
    case 'i':
        if (tl_jeq(r, "id")) {
            if ((rc = next(d))) return rc;
            if (r->tok != TL_J_STR || r->n >= sizeof e->id)
                return tl_jexpected(r, d->err, "an event id (a UUID string)");
            memcpy(e->id, r->s, r->n);
            e->id[r->n] = '\0';
            *have |= HAVE_ID;
            return TL_OK;
        }
        if (tl_jeq(r, "index")) {
            *have |= HAVE_INDEX;
            return integer(d, &e->index);
        }
        if (tl_jeq(r, "interception")) return object(d, e, outcome_member, "an object");
        break;
    case 'p':
        if (tl_jeq(r, "period")) {
            *have |= HAVE_PERIOD;
            rc = ranged(d, 1, 5, "a period from 1 to 5", &v);
            e->period = (uint8_t)v;
            return rc;
        }
        if (tl_jeq(r, "possession")) return integer(d, &e->possession);
        if (tl_jeq(r, "possession_team")) return ref(d, TL_SBK_TEAM, &e->possession_team);
        if (tl_jeq(r, "play_pattern")) return ref(d, TL_SBK_PLAY_PATTERN, &e->play_pattern);
        if (tl_jeq(r, "player")) return ref(d, TL_SBK_PLAYER, &e->player);
        if (tl_jeq(r, "position")) return ref(d, TL_SBK_POSITION, &e->position);
        if (tl_jeq(r, "pass")) return object(d, e, pass_member, "a pass object");
        break;
    case 't':
        if (tl_jeq(r, "timestamp")) {
            if ((rc = next(d))) return rc;
            if (r->tok != TL_J_STR || timestamp_ms(r->s, r->n, &e->ms))
                return tl_jexpected(r, d->err, "a timestamp HH:MM:SS.mmm");
            *have |= HAVE_TS;
            return TL_OK;
        }
        if (tl_jeq(r, "type")) {
            size_t at = r->pos;
            if ((rc = ref(d, TL_SBK__COUNT, &v))) return rc;
            if (!tl_sb_type_name(v))
                return tl_jerr_at(r, d->err, at, "expected a StatsBomb event type, found type id %ld",
                                  (long)v);
            e->type = (uint8_t)v;
            *have |= HAVE_TYPE;
            return TL_OK;
        }
        if (tl_jeq(r, "team")) return ref(d, TL_SBK_TEAM, &e->team);
        if (tl_jeq(r, "tactics")) return object(d, e, tactics_member, "a tactics object");
        break;
    case 'm':
        if (tl_jeq(r, "minute")) {
            *have |= HAVE_MINUTE;
            rc = ranged(d, 0, 300, "a minute from 0 to 300", &v);
            e->minute = (int16_t)v;
            return rc;
        }
        break;
    case 's':
        if (tl_jeq(r, "second")) {
            *have |= HAVE_SECOND;
            rc = ranged(d, 0, 59, "a second from 0 to 59", &v);
            e->second = (int16_t)v;
            return rc;
        }
        if (tl_jeq(r, "shot")) return object(d, e, shot_member, "a shot object");
        if (tl_jeq(r, "substitution")) return object(d, e, sub_member, "a substitution object");
        break;
    case 'l':
        if (tl_jeq(r, "location")) return coords(d, e->loc, &e->nloc);
        break;
    case 'd':
        if (tl_jeq(r, "duration")) return real(d, &e->duration);
        if (tl_jeq(r, "duel") || tl_jeq(r, "dribble"))
            return object(d, e, outcome_member, "an object");
        break;
    case 'u':
        if (tl_jeq(r, "under_pressure")) return boolean(d, &e->flags, TL_SBF_UNDER_PRESSURE);
        break;
    case 'o':
        if (tl_jeq(r, "off_camera")) return boolean(d, &e->flags, TL_SBF_OFF_CAMERA);
        if (tl_jeq(r, "out")) return boolean(d, &e->flags, TL_SBF_OUT);
        break;
    case 'c':
        if (tl_jeq(r, "counterpress")) return boolean(d, &e->flags, TL_SBF_COUNTERPRESS);
        if (tl_jeq(r, "carry")) return object(d, e, carry_member, "a carry object");
        break;
    case 'f':
        if (tl_jeq(r, "foul_committed")) return object(d, e, card_member, "a foul object");
        break;
    case 'b':
        if (tl_jeq(r, "bad_behaviour")) return object(d, e, card_member, "a bad behaviour object");
        if (tl_jeq(r, "ball_receipt")) return object(d, e, outcome_member, "an object");
        break;
    case '5':
        if (tl_jeq(r, "50_50")) return object(d, e, outcome_member, "an object");
        break;
    }
    return skip_value(d);
}

static tl_rc event(struct dec *d)
{
    struct tl_sb_match *m = d->m;
    if (grow((void **)&m->ev, &m->cap, m->n + 1, sizeof *m->ev)) return oom(d);
    struct tl_sb_event *e = &m->ev[m->n];
    memset(e, 0, sizeof *e);
    e->raw_off = d->r.tok_off;
    int have = 0;
    tl_rc rc;
    for (;;) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_OBJ_END) break;
        if ((rc = event_member(d, e, &have))) return rc;
    }
    e->raw_len = d->r.pos - e->raw_off;
    if (have != HAVE_ALL) {
        static const char *const names[] = {"id", "index", "period", "timestamp", "minute",
                                            "second", "type"};
        int k = 0;
        while (have & (1 << k)) k++;
        return tl_jerr_at(&d->r, d->err, e->raw_off, "expected \"%s\" in the event", names[k]);
    }
    m->type_count[e->type]++;
    m->n++;
    return TL_OK;
}

/* The file's top level: an array of objects, each handed to item() just
 * after its '{'; nothing may follow the array. */
static tl_rc each_object(struct dec *d, tl_rc (*item)(struct dec *d, void *ctx), void *ctx,
                         const char *array, const char *object_what)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok != TL_J_ARR) return tl_jexpected(&d->r, d->err, array);
    for (;;) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_ARR_END) break;
        if (d->r.tok != TL_J_OBJ) return tl_jexpected(&d->r, d->err, object_what);
        if ((rc = item(d, ctx))) return rc;
    }
    rc = tl_jnext(&d->r, d->err);
    if (rc == TL_OK) return tl_jexpected(&d->r, d->err, "nothing after the array");
    return rc == TL_EOF ? TL_OK : rc;
}

static tl_rc event_item(struct dec *d, void *ctx)
{
    (void)ctx;
    return event(d);
}

tl_rc tl_sb_read_events(struct tl_sb_match *m, const char *buf, size_t len, const char *file,
                        struct tl_error *err)
{
    struct dec d = {.m = m, .err = err};
    d.seen = tl_calloc((TL_SBK__COUNT + 1) * (SEEN_IDS / 64), sizeof *d.seen);
    if (!d.seen) return tl_err(err, TL_ENOMEM, "out of memory");
    tl_jinit(&d.r, buf, len, file);
    tl_rc rc = each_object(&d, event_item, NULL, "an array of events", "an event object");
    tl_jfree(&d.r);
    tl_free(d.seen);
    return rc;
}

/* ---- matches files ---- */

/* A string value into out (cap bytes with the NUL), trimmed; null is "". */
static tl_rc text(struct dec *d, char *out, size_t cap)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok == TL_J_NULL) {
        out[0] = '\0';
        return TL_OK;
    }
    if (d->r.tok != TL_J_STR) return tl_jexpected(&d->r, d->err, "a string");
    const char *p = d->r.s;
    size_t n = d->r.n;
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
    if (n >= cap) {
        char what[64];
        snprintf(what, sizeof what, "a string of at most %zu bytes", cap - 1);
        return tl_jexpected(&d->r, d->err, what);
    }
    memcpy(out, p, n);
    out[n] = '\0';
    return TL_OK;
}

struct side {
    int32_t *id;
    char *name;
    const char *id_key, *name_key; /* "home_team_id", "home_team_name" */
};

static tl_rc team_member(struct dec *d, void *ctx, int *skip)
{
    struct side *t = ctx;
    if (tl_jeq(&d->r, t->id_key)) return integer(d, t->id);
    if (tl_jeq(&d->r, t->name_key)) return text(d, t->name, 64);
    *skip = 1;
    return TL_OK;
}

/* {"id": .., "name": ..} or {"competition_id": .., "competition_name": ..}: the name */
struct named {
    int32_t *id;
    char *name;
    size_t cap;
    const char *id_key, *name_key;
};

static tl_rc named_member(struct dec *d, void *ctx, int *skip)
{
    struct named *x = ctx;
    if (x->id && tl_jeq(&d->r, x->id_key)) return integer(d, x->id);
    if (tl_jeq(&d->r, x->name_key)) return text(d, x->name, x->cap);
    *skip = 1;
    return TL_OK;
}

static tl_rc fixture_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_fixture *f = ctx;
    struct tl_jreader *r = &d->r;
    tl_rc rc;
    if (tl_jeq(r, "match_id")) return integer(d, &f->match_id);
    if (tl_jeq(r, "match_date")) {
        struct tl_date dt;
        if ((rc = text(d, f->date, sizeof f->date))) return rc;
        if (tl_date_parse(f->date, strlen(f->date), &dt)) return tl_jexpected(r, d->err, "a date YYYY-MM-DD");
        return TL_OK;
    }
    if (tl_jeq(r, "kick_off")) {
        int32_t ms;
        if ((rc = text(d, f->kick_off, sizeof f->kick_off))) return rc;
        if (f->kick_off[0] && timestamp_ms(f->kick_off, strlen(f->kick_off), &ms))
            return tl_jexpected(r, d->err, "a kick-off time HH:MM:SS.mmm");
        return TL_OK;
    }
    if (tl_jeq(r, "home_score")) return ranged(d, 0, 99, "a score from 0 to 99", &f->home_score);
    if (tl_jeq(r, "away_score")) return ranged(d, 0, 99, "a score from 0 to 99", &f->away_score);
    if (tl_jeq(r, "match_week")) return integer(d, &f->match_week);
    if (tl_jeq(r, "home_team")) {
        struct side t = {&f->home_id, f->home, "home_team_id", "home_team_name"};
        return object(d, &t, team_member, "a team object");
    }
    if (tl_jeq(r, "away_team")) {
        struct side t = {&f->away_id, f->away, "away_team_id", "away_team_name"};
        return object(d, &t, team_member, "a team object");
    }
    struct named x = {0};
    if (tl_jeq(r, "competition"))
        x = (struct named){&f->competition_id, f->competition, sizeof f->competition,
                           "competition_id", "competition_name"};
    else if (tl_jeq(r, "season"))
        x = (struct named){&f->season_id, f->season, sizeof f->season, "season_id", "season_name"};
    else if (tl_jeq(r, "competition_stage"))
        x = (struct named){NULL, f->stage, sizeof f->stage, "id", "name"};
    else if (tl_jeq(r, "stadium"))
        x = (struct named){NULL, f->stadium, sizeof f->stadium, "id", "name"};
    else if (tl_jeq(r, "referee"))
        x = (struct named){NULL, f->referee, sizeof f->referee, "id", "name"};
    if (!x.name) {
        *skip = 1;
        return TL_OK;
    }
    if ((rc = next(d))) return rc;
    if (r->tok == TL_J_NULL) return TL_OK; /* a match without a referee */
    if (r->tok != TL_J_OBJ) return tl_jexpected(r, d->err, "an object");
    return members(d, &x, named_member);
}

void tl_sb_fixtures_free(struct tl_sb_fixtures *f)
{
    tl_free(f->v);
    memset(f, 0, sizeof *f);
}

static tl_rc fixture_item(struct dec *d, void *ctx)
{
    struct tl_sb_fixtures *f = ctx;
    if (grow((void **)&f->v, &f->cap, f->n + 1, sizeof *f->v)) return oom(d);
    struct tl_sb_fixture *x = &f->v[f->n];
    memset(x, 0, sizeof *x);
    size_t at = d->r.tok_off;
    tl_rc rc = members(d, x, fixture_member);
    if (rc) return rc;
    x->off = at;
    if (!x->match_id || !x->date[0] || !x->home_id || !x->away_id)
        return tl_jerr_at(&d->r, d->err, at,
                          "expected a match with match_id, match_date, home_team and away_team");
    f->n++;
    return TL_OK;
}

tl_rc tl_sb_read_matches(struct tl_sb_fixtures *f, const char *buf, size_t len, const char *file,
                         struct tl_error *err)
{
    struct dec d = {.err = err};
    tl_jinit(&d.r, buf, len, file);
    tl_rc rc = each_object(&d, fixture_item, f, "an array of matches", "a match object");
    tl_jfree(&d.r);
    return rc;
}

/* ---- lineups files ---- */

/* "63:51" (minutes may pass 99) -> seconds; null -> -1 */
static tl_rc clock_time(struct dec *d, int32_t *out)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok == TL_J_NULL) {
        *out = -1;
        return TL_OK;
    }
    const char *p = d->r.s;
    size_t n = d->r.n, i = 0;
    long min = 0;
    if (d->r.tok == TL_J_STR)
        while (i < n && i < 3 && p[i] >= '0' && p[i] <= '9') min = min * 10 + (p[i++] - '0');
    if (d->r.tok != TL_J_STR || i == 0 || n != i + 3 || p[i] != ':' || p[i + 1] < '0' ||
        p[i + 1] > '5' || p[i + 2] < '0' || p[i + 2] > '9')
        return tl_jexpected(&d->r, d->err, "a match time MM:SS");
    *out = (int32_t)(min * 60 + (p[i + 1] - '0') * 10 + (p[i + 2] - '0'));
    return TL_OK;
}

/* a period from 1 to 5, or null (0) */
static tl_rc period_or_null(struct dec *d, int8_t *out)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok == TL_J_NULL) {
        *out = 0;
        return TL_OK;
    }
    if (d->r.tok != TL_J_NUM || d->r.num < 1 || d->r.num > 5 || d->r.num != (double)(int)d->r.num)
        return tl_jexpected(&d->r, d->err, "a period from 1 to 5");
    *out = (int8_t)d->r.num;
    return TL_OK;
}

static tl_rc spell_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_spell *x = ctx;
    if (tl_jeq(&d->r, "position_id")) return integer(d, &x->position_id);
    if (tl_jeq(&d->r, "position")) return text(d, x->position, sizeof x->position);
    if (tl_jeq(&d->r, "from")) return clock_time(d, &x->from);
    if (tl_jeq(&d->r, "to")) return clock_time(d, &x->to);
    if (tl_jeq(&d->r, "from_period")) return period_or_null(d, &x->from_period);
    if (tl_jeq(&d->r, "to_period")) return period_or_null(d, &x->to_period);
    if (tl_jeq(&d->r, "start_reason")) return text(d, x->start_reason, sizeof x->start_reason);
    if (tl_jeq(&d->r, "end_reason")) return text(d, x->end_reason, sizeof x->end_reason);
    *skip = 1;
    return TL_OK;
}

static tl_rc card_line_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_card *x = ctx;
    if (tl_jeq(&d->r, "time")) return clock_time(d, &x->time);
    if (tl_jeq(&d->r, "period")) return period_or_null(d, &x->period);
    if (tl_jeq(&d->r, "card_type")) return text(d, x->type, sizeof x->type);
    if (tl_jeq(&d->r, "reason")) return text(d, x->reason, sizeof x->reason);
    *skip = 1;
    return TL_OK;
}

/* an array of objects, each appended to a growing array and read by member() */
static tl_rc object_array(struct dec *d, void **arr, size_t *n, size_t *cap, size_t size,
                          member_fn member, uint32_t *first, uint32_t *count, const char *what)
{
    tl_rc rc = next(d);
    if (rc) return rc;
    if (d->r.tok != TL_J_ARR) return tl_jexpected(&d->r, d->err, what);
    *first = (uint32_t)*n;
    *count = 0;
    for (;;) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_ARR_END) return TL_OK;
        if (d->r.tok != TL_J_OBJ) return tl_jexpected(&d->r, d->err, "an object");
        if (grow(arr, cap, *n + 1, size)) return oom(d);
        void *x = (char *)*arr + *n * size;
        memset(x, 0, size);
        ++*n;
        ++*count;
        if ((rc = members(d, x, member))) return rc;
    }
}

static tl_rc country_member(struct dec *d, void *ctx, int *skip)
{
    if (tl_jeq(&d->r, "name")) return text(d, ctx, 64);
    *skip = 1;
    return TL_OK;
}

static tl_rc player_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_player *p = ctx; /* stays put: only spells and cards grow meanwhile */
    struct tl_sb_lineups *l = d->l;
    tl_rc rc;
    if (tl_jeq(&d->r, "player_id")) return integer(d, &p->player_id);
    if (tl_jeq(&d->r, "player_name")) return text(d, p->name, sizeof p->name);
    if (tl_jeq(&d->r, "player_nickname")) return text(d, p->nickname, sizeof p->nickname);
    if (tl_jeq(&d->r, "jersey_number")) return integer(d, &p->jersey);
    if (tl_jeq(&d->r, "country")) {
        if ((rc = next(d))) return rc;
        if (d->r.tok == TL_J_NULL) return TL_OK;
        if (d->r.tok != TL_J_OBJ) return tl_jexpected(&d->r, d->err, "a country object");
        return members(d, p->country, country_member);
    }
    if (tl_jeq(&d->r, "positions"))
        return object_array(d, (void **)&l->spells, &l->nspells, &l->capspells, sizeof *l->spells,
                            spell_member, &p->spell, &p->nspells, "an array of positions");
    if (tl_jeq(&d->r, "cards"))
        return object_array(d, (void **)&l->cards, &l->ncards, &l->capcards, sizeof *l->cards,
                            card_line_member, &p->card, &p->ncards, "an array of cards");
    *skip = 1;
    return TL_OK;
}

static tl_rc sheet_member(struct dec *d, void *ctx, int *skip)
{
    struct tl_sb_team_sheet *t = ctx; /* stays put: only players grow meanwhile */
    struct tl_sb_lineups *l = d->l;
    if (tl_jeq(&d->r, "team_id")) return integer(d, &t->team_id);
    if (tl_jeq(&d->r, "team_name")) return text(d, t->team, sizeof t->team);
    if (tl_jeq(&d->r, "lineup"))
        return object_array(d, (void **)&l->players, &l->nplayers, &l->capplayers,
                            sizeof *l->players, player_member, &t->player, &t->nplayers,
                            "an array of players");
    *skip = 1;
    return TL_OK;
}

static tl_rc sheet_item(struct dec *d, void *ctx)
{
    struct tl_sb_lineups *l = ctx;
    if (grow((void **)&l->teams, &l->capteams, l->nteams + 1, sizeof *l->teams)) return oom(d);
    struct tl_sb_team_sheet *t = &l->teams[l->nteams];
    memset(t, 0, sizeof *t);
    size_t at = d->r.tok_off;
    tl_rc rc = members(d, t, sheet_member);
    if (rc) return rc;
    if (!t->team_id || !t->team[0])
        return tl_jerr_at(&d->r, d->err, at, "expected a team with team_id and team_name");
    l->nteams++;
    return TL_OK;
}

tl_rc tl_sb_read_lineups(struct tl_sb_lineups *l, const char *buf, size_t len, const char *file,
                         struct tl_error *err)
{
    struct dec d = {.err = err, .l = l};
    tl_jinit(&d.r, buf, len, file);
    tl_rc rc = each_object(&d, sheet_item, l, "an array of team lineups", "a team lineup object");
    tl_jfree(&d.r);
    return rc;
}

void tl_sb_lineups_free(struct tl_sb_lineups *l)
{
    tl_free(l->teams);
    tl_free(l->players);
    tl_free(l->spells);
    tl_free(l->cards);
    memset(l, 0, sizeof *l);
}
