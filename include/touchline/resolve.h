/*
 * resolve: turning what a person types into one team or competition.
 * Matching is case-, accent- and punctuation-insensitive (tl_fold); a former
 * name ("Dahomey") resolves to the team it became (Benin) with the dates it
 * was used; an unknown name gets the closest suggestions.
 */
#ifndef TOUCHLINE_RESOLVE_H
#define TOUCHLINE_RESOLVE_H

#include "touchline/model.h"

struct tl_team_match {
    int64_t team_id;
    char team[160];         /* the team's current name */
    char as[160];           /* the stored name that matched (== team, or a former name) */
    char from[11], to[11];  /* when `as` is a former name: the dates it was used */
};

/* Resolve query among names (borrowed). TL_OK and *out; TL_ENOTFOUND with
 * "unknown team ...; did you mean ..." in err; TL_EAMBIG when a former name
 * belongs to several teams. `what` names the thing ("team", "tournament"). */
tl_rc tl_resolve_name(const struct tl_name_list *names, const char *what, const char *query,
                      struct tl_team_match *out, struct tl_error *err) TL_WUR;

/* The up-to-n names closest to query (borrowed pointers into names),
 * nearest first. Returns how many. */
size_t tl_resolve_suggest(const struct tl_name_list *names, const char *query, const char **out,
                          size_t n);

/* Other names of teams and competitions that sources use, as data: each
 * maps to the name the international results data set uses. Applied by the
 * importers; every entry is shown by `touchline resolve --explain`. */
struct tl_alias {
    const char *name;  /* the canonical name (as in results.csv) */
    const char *alias; /* what another source writes */
    const char *from, *to; /* dates the alias means this team; NULL = always */
};
extern const struct tl_alias tl_team_aliases[];
extern const size_t tl_nteam_aliases;
extern const struct tl_alias tl_competition_aliases[];
extern const size_t tl_ncompetition_aliases;
/* The canonical competition name for what a heading calls it ("World Cup"
 * -> "FIFA World Cup"), or the name itself. */
const char *tl_competition_canonical(const char *name);

#endif
