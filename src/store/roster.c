/* store/roster.c: the players a transaction has looked at, in memory.
 *
 * tl_store_player_born (detail.c) decides which player a name means with
 * three questions: the players of a team with this folded name, the players
 * of an edition's squad, the players of a team with this transliterated
 * name. Asked of SQLite they cost ~5 us each, and an import of every World
 * Cup asks about 45,000 of them. The roster keeps the answers: each key is
 * read from the database once, the first time it is asked, and every write
 * that player_born and tl_store_put_squad make is applied to it as well, so
 * it stays what the database holds.
 *
 * When the players table was empty at the start of the transaction
 * (s->fresh_players), every player is one the roster saw written, and no key
 * is read at all. Any other write to players or squads (tl_store_player,
 * merging teams, splitting namesakes) calls tl_roster_forget: the roster is
 * emptied and goes back to reading keys from the database.
 *
 * Keys (tl_map; a tag, two integers, maybe a text; see key()): 'f' team
 * folded and 'a' team alt -> the first player of the chain + 1 (0: none);
 * 's' edition team -> the first squad member + 1 ('S' edition team: its
 * stored rows have been read; the rows this transaction writes are added
 * as they are written, read or not, so reading a squad never needs the
 * held squads written first). A player's index in
 * roster.p is found by id in an array (ids are dense: SQLite's rowids and
 * PostgreSQL's sequences; an id past TL_ROSTER_IDS by an 'i' key of the
 * map), his squads by the list of his memberships: each key of the map is
 * one more cache miss, and a map of players, squad members and names
 * outgrew the caches (and faulted its pages in twice as it doubled). */
#include "store_int.h"

#include <stdio.h>
#include <string.h>

static void player_free(struct tl_rplayer *p)
{
    tl_free(p->name);
    tl_free(p->folded);
    tl_free(p->alt);
}

void tl_roster_forget(tl_store *s)
{
    struct tl_roster *r = &s->roster;
    r->stale = 1; /* the database has rows the roster never saw */
    r->lost_held = 1; /* and rows held back that it may not know */
    for (size_t i = 0; i < r->n; i++) player_free(&r->p[i]);
    tl_free(r->p);
    tl_free(r->m);
    tl_free(r->ix);
    tl_map_free(&r->keys);
    memset(r, 0, sizeof *r);
    tl_map_init(&r->keys);
    r->stale = r->lost_held = 1;
}

void tl_roster_end(tl_store *s)
{
    tl_roster_forget(s);
    s->roster.stale = s->roster.lost_held = 0;
}

/* Every key's rows are in memory already: nothing to read. */
static int complete(const tl_store *s) { return s->fresh_players && !s->roster.stale; }
int tl_roster_complete(const tl_store *s) { return complete(s); }

/* tag, two integers and a text (or none) */
static void key(struct tl_key *k, char tag, int64_t a, int64_t b, const char *text)
{
    k->n = 0;
    k->b[k->n++] = tag;
    tl_key_int(k, a);
    tl_key_int(k, b);
    if (text) tl_key_str(k, text);
}

static char *dup(const char *v)
{
    size_t n = v ? strlen(v) : 0;
    char *d = tl_malloc(n + 1);
    if (d) {
        if (n) memcpy(d, v, n);
        d[n] = '\0';
    }
    return d;
}

/* Room for one more of n elements of size in *v: 0, or -1 out of memory. */
static int room(void **v, size_t *alloc, size_t n, size_t size)
{
    if (n < *alloc) return 0;
    size_t na = *alloc ? *alloc * 2 : 256;
    void *nv = tl_realloc(*v, na * size);
    if (!nv) return -1;
    *v = nv;
    *alloc = na;
    return 0;
}

/* The index of the player with this id, -1 when the roster has none. */
static int32_t index_of(const struct tl_roster *r, int64_t id)
{
    if (id >= 0 && id < TL_ROSTER_IDS) return (uint64_t)id < r->nix ? r->ix[id] : -1;
    struct tl_key k;
    key(&k, 'i', id, 0, NULL);
    int64_t v;
    return tl_map_get(&r->keys, k.b, k.n, &v) ? (int32_t)v : -1;
}

const char *tl_roster_birth(const tl_store *s, int64_t id)
{
    int32_t i = complete(s) ? index_of(&s->roster, id) : -1;
    return i < 0 ? NULL : s->roster.p[i].birth;
}

/* Remember that player id is at index i. */
static tl_rc set_index(struct tl_roster *r, int64_t id, int32_t i)
{
    if (id < 0 || id >= TL_ROSTER_IDS) {
        struct tl_key k;
        key(&k, 'i', id, 0, NULL);
        return tl_map_put(&r->keys, k.b, k.n, i);
    }
    if ((size_t)id >= r->nix) {
        size_t n = r->nix ? r->nix : 1024;
        while (n <= (size_t)id) n *= 2;
        int32_t *ix = tl_realloc(r->ix, n * sizeof *ix);
        if (!ix) return TL_ENOMEM;
        memset(ix + r->nix, 0xff, (n - r->nix) * sizeof *ix); /* -1 */
        r->ix = ix;
        r->nix = n;
    }
    r->ix[id] = i;
    return TL_OK;
}

/* The player with this id (its index), entered from a row if new. */
static tl_rc intern(tl_store *s, int64_t id, int64_t team, const char *name, const char *folded,
                    const char *alt, const char *birth, int32_t *out, struct tl_error *err)
{
    struct tl_roster *r = &s->roster;
    int32_t known = index_of(r, id);
    if (known >= 0) {
        *out = known;
        return TL_OK;
    }
    if (room((void **)&r->p, &r->alloc, r->n, sizeof *r->p))
        return tl_err(err, TL_ENOMEM, "out of memory");
    struct tl_rplayer *p = &r->p[r->n];
    memset(p, 0, sizeof *p);
    p->id = id;
    p->team = team;
    p->name = dup(name);
    p->folded = dup(folded);
    p->alt = dup(alt);
    size_t bn = birth ? strnlen(birth, sizeof p->birth - 1) : 0;
    memcpy(p->birth, birth ? birth : "", bn);
    p->birth[bn] = '\0';
    p->next_f = p->next_a = p->squads = -1;
    p->letters = folded ? tl_name_letters(folded) : 0;
    p->quality = name ? tl_name_quality(name) : 0;
    if (!p->name || !p->folded || !p->alt || set_index(r, id, (int32_t)r->n)) {
        player_free(p);
        return tl_err(err, TL_ENOMEM, "out of memory");
    }
    *out = (int32_t)r->n++;
    return TL_OK;
}

/* Link player i into the chain of its folded (which 0) or alt (1) key when
 * that key is in memory; a key not read yet will read the row later. */
static tl_rc link(tl_store *s, int32_t i, int which, int create, struct tl_error *err)
{
    struct tl_roster *r = &s->roster;
    struct tl_rplayer *p = &r->p[i];
    if (which ? p->in_a : p->in_f) return TL_OK;
    struct tl_key k;
    key(&k, which ? 'a' : 'f', p->team, 0, which ? p->alt : p->folded);
    int64_t *v;
    if (create) {
        int created;
        if (tl_map_slot(&r->keys, k.b, k.n, &v, &created))
            return tl_err(err, TL_ENOMEM, "out of memory");
    } else {
        int64_t head;
        if (!tl_map_get(&r->keys, k.b, k.n, &head)) return TL_OK;
        int created;
        if (tl_map_slot(&r->keys, k.b, k.n, &v, &created))
            return tl_err(err, TL_ENOMEM, "out of memory");
    }
    p = &r->p[i];
    if (which) {
        p->next_a = (int32_t)*v - 1;
        p->in_a = 1;
    } else {
        p->next_f = (int32_t)*v - 1;
        p->in_f = 1;
    }
    *v = i + 1;
    return TL_OK;
}

/* The chain of players of a team with this folded (which 0) or alt (1)
 * name: *head is the first index or -1. */
tl_rc tl_roster_chain(tl_store *s, int which, int64_t team, const char *name, int32_t *head,
                      struct tl_error *err)
{
    struct tl_roster *r = &s->roster;
    struct tl_key k;
    key(&k, which ? 'a' : 'f', team, 0, name);
    int64_t v;
    if (tl_map_get(&r->keys, k.b, k.n, &v)) {
        *head = (int32_t)v - 1;
        return TL_OK;
    }
    if (complete(s)) { /* every chain in memory: this one is empty */
        *head = -1;
        return TL_OK;
    }
    if (tl_map_put(&r->keys, k.b, k.n, 0)) return tl_err(err, TL_ENOMEM, "out of memory");
    db_stmt *st = tl_store_cached(s,
                                  which ? "SELECT id, name, folded, alt, birth_date FROM"
                                          " players WHERE (alt=?1 AND alt<>folded OR"
                                          " folded=?1 AND alt=?1) AND team_id IS ?2"
                                        : "SELECT id, name, folded, alt, birth_date FROM"
                                          " players WHERE folded=?1 AND team_id IS ?2",
                                  err);
    if (!st) return TL_ESTORE;
    db_bind_text(st, 1, name, -1, SQLITE_STATIC);
    tl_bind_id(st, 2, team);
    int rc;
    tl_rc trc = TL_OK;
    while (!trc && (rc = db_step(st)) == SQLITE_ROW) {
        int32_t i;
        trc = intern(s, db_column_int64(st, 0), team, (const char *)db_column_text(st, 1),
                     (const char *)db_column_text(st, 2), (const char *)db_column_text(st, 3),
                     (const char *)db_column_text(st, 4), &i, err);
        if (!trc) trc = link(s, i, which, 0, err);
    }
    db_reset(st);
    if (trc) return trc;
    if (rc != SQLITE_DONE) return tl_store_fail(s, err, "player look-up");
    if (!tl_map_get(&r->keys, k.b, k.n, &v)) v = 0;
    *head = (int32_t)v - 1;
    return TL_OK;
}

/* Is player (an index) in the squad of team at edition? */
static int member(const struct tl_roster *r, int64_t edition, int64_t team, int32_t player)
{
    for (int32_t m = r->p[player].squads; m >= 0; m = r->m[m].next_p)
        if (r->m[m].edition == edition && r->m[m].team == team) return 1;
    return 0;
}

static tl_rc add_member(tl_store *s, int64_t edition, int64_t team, int32_t player, int64_t *head,
                        struct tl_error *err)
{
    struct tl_roster *r = &s->roster;
    if (member(r, edition, team, player)) return TL_OK;
    if (room((void **)&r->m, &r->allocm, r->nm, sizeof *r->m))
        return tl_err(err, TL_ENOMEM, "out of memory");
    struct tl_rmember *m = &r->m[r->nm];
    m->edition = edition;
    m->team = team;
    m->player = player;
    m->next = (int32_t)*head - 1;
    m->next_p = r->p[player].squads;
    r->p[player].squads = (int32_t)r->nm;
    *head = (int64_t)++r->nm;
    return TL_OK;
}

/* The squad of a team at an edition: *head is its first member (an index
 * into roster.m) or -1. */
tl_rc tl_roster_squad(tl_store *s, int64_t edition, int64_t team, int32_t *head,
                      struct tl_error *err)
{
    struct tl_roster *r = &s->roster;
    struct tl_key k, rk;
    key(&k, 's', edition, team, NULL);
    key(&rk, 'S', edition, team, NULL);
    int64_t h = 0, read;
    tl_map_get(&r->keys, k.b, k.n, &h);
    if (complete(s) || team <= 0 || tl_map_get(&r->keys, rk.b, rk.n, &read)) {
        *head = (int32_t)h - 1;
        return TL_OK;
    }
    db_stmt *st = tl_store_cached(s,
                                  "SELECT p.id, p.name, p.folded, p.alt, p.birth_date,"
                                  " p.team_id FROM squads q JOIN players p ON"
                                  " p.id=q.player_id WHERE q.edition_id=?1 AND q.team_id=?2",
                                  err);
    if (!st) return TL_ESTORE;
    /* the squad rows this transaction holds back are members already (a
     * row written meanwhile is read again: a member once), unless the
     * roster was emptied since */
    unsigned skip = r->lost_held ? 0 : 1u << PEND_SQUADS;
    db_bind_int64(st, 1, edition);
    db_bind_int64(st, 2, team);
    int rc;
    tl_rc trc = TL_OK;
    while (!trc && (rc = db_step_without(st, skip)) == SQLITE_ROW) {
        int32_t i;
        int64_t pteam = db_column_type(st, 5) == SQLITE_NULL ? 0 : db_column_int64(st, 5);
        trc = intern(s, db_column_int64(st, 0), pteam, (const char *)db_column_text(st, 1),
                     (const char *)db_column_text(st, 2), (const char *)db_column_text(st, 3),
                     (const char *)db_column_text(st, 4), &i, err);
        if (!trc) trc = add_member(s, edition, team, i, &h, err);
    }
    db_reset(st);
    if (trc) return trc;
    if (rc != SQLITE_DONE) return tl_store_fail(s, err, "squad look-up");
    if (tl_map_put(&r->keys, k.b, k.n, h) || tl_map_put(&r->keys, rk.b, rk.n, 1))
        return tl_err(err, TL_ENOMEM, "out of memory");
    *head = (int32_t)h - 1;
    return TL_OK;
}

int tl_roster_in_squad(tl_store *s, int64_t edition, int64_t team, int32_t player)
{
    return member(&s->roster, edition, team, player);
}

tl_rc tl_roster_added(tl_store *s, int64_t id, int64_t team, const char *name, const char *folded,
                      const char *alt, const char *birth, struct tl_error *err)
{
    int32_t i;
    tl_rc rc = intern(s, id, team, name, folded, alt, birth, &i, err);
    for (int which = 0; !rc && which < 2; which++) rc = link(s, i, which, complete(s), err);
    return rc;
}

tl_rc tl_roster_squad_added(tl_store *s, int64_t edition, int64_t team, int64_t player,
                            struct tl_error *err)
{
    struct tl_roster *r = &s->roster;
    struct tl_key k;
    key(&k, 's', edition, team, NULL);
    int64_t *head;
    int created;
    /* recorded whether or not the squad's stored rows were read yet: the
     * read adds those (tl_roster_squad) */
    int32_t i = index_of(r, player);
    if (i < 0) {
        /* a player the roster never saw (in a complete roster, every player
         * came through it): read the squad again when asked */
        tl_roster_forget(s);
        return TL_OK;
    }
    if (tl_map_slot(&r->keys, k.b, k.n, &head, &created))
        return tl_err(err, TL_ENOMEM, "out of memory");
    int64_t h = *head; /* add_member may move the map's slots */
    tl_rc rc = add_member(s, edition, team, i, &h, err);
    if (!rc && tl_map_put(&r->keys, k.b, k.n, h)) rc = tl_err(err, TL_ENOMEM, "out of memory");
    return rc;
}
