/* util/map.c: string -> int64 hash map, open addressing with linear probing
 * (word-at-a-time hashes); keys live back to back in one arena, so a map of 100,000
 * names is three allocations, not 100,000. Used for name -> id caches. */
#include "touchline/util.h"

#include <string.h>

/* Eight bytes a step (a multiply and a shift each, splitmix64's constants),
 * then a final mix so that the low bits, which pick the slot, depend on
 * every byte. FNV-1a, a byte a step, was 3% of a football.txt import. */
static uint32_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    w = 0;
    if (n) memcpy(&w, s, n);
    h = (h ^ w) * 0x94d049bb133111ebull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (uint32_t)h;
}

void tl_map_init(struct tl_map *m)
{
    memset(m, 0, sizeof *m);
    tl_buf_init(&m->keys, (size_t)1 << 31);
}

void tl_map_free(struct tl_map *m)
{
    tl_free(m->slots);
    tl_buf_free(&m->keys);
    tl_map_init(m);
}

static struct tl_map_slot *find(const struct tl_map *m, const char *key, size_t klen, uint32_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct tl_map_slot *s = &m->slots[i];
        if (!s->key) return s;
        if (s->hash == h && s->klen == klen && memcmp(m->keys.data + s->key - 1, key, klen) == 0)
            return s;
    }
}

int tl_map_get(const struct tl_map *m, const char *key, size_t klen, int64_t *val)
{
    if (!m->cap) return 0;
    struct tl_map_slot *s = find(m, key, klen, hash_bytes(key, klen));
    if (!s->key) return 0;
    *val = s->val;
    return 1;
}

static tl_rc grow(struct tl_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    struct tl_map_slot *old = m->slots;
    size_t ocap = m->cap;
    /* written before read: calloc's untouched pages would fault twice (the
     * rehash reads a zero page, then writes it) */
    struct tl_map_slot *slots = tl_malloc(ncap * sizeof *slots);
    if (!slots) return TL_ENOMEM;
    memset(slots, 0, ncap * sizeof *slots);
    m->slots = slots;
    m->cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (!old[i].key) continue;
        size_t mask = ncap - 1, j = old[i].hash & mask;
        while (slots[j].key) j = (j + 1) & mask;
        slots[j] = old[i];
    }
    tl_free(old);
    return TL_OK;
}

tl_rc tl_map_slot(struct tl_map *m, const char *key, size_t klen, int64_t **val, int *created)
{
    /* at most half full: linear probing stays short for the misses imports make */
    if ((m->n + 1) * 2 > m->cap) {
        tl_rc rc = grow(m);
        if (rc) return rc;
    }
    uint32_t h = hash_bytes(key, klen);
    struct tl_map_slot *s = find(m, key, klen, h);
    *created = 0;
    if (!s->key) {
        if (m->keys.len + klen >= UINT32_MAX - 1) return TL_ELIMIT;
        size_t off = m->keys.len;
        tl_rc rc = tl_buf_add(&m->keys, key, klen);
        if (rc) return rc;
        s->key = (uint32_t)off + 1;
        s->klen = (uint32_t)klen;
        s->hash = h;
        s->val = 0;
        m->n++;
        *created = 1;
    }
    *val = &s->val;
    return TL_OK;
}

tl_rc tl_map_put(struct tl_map *m, const char *key, size_t klen, int64_t val)
{
    int64_t *v;
    int created;
    tl_rc rc = tl_map_slot(m, key, klen, &v, &created);
    if (rc) return rc;
    *v = val;
    return TL_OK;
}
