/*
 * import/ftxt: a pull reader for openfootball's football.txt, as the World
 * Cup files write it: cup.txt / cup_finals.txt (hand-written results with
 * half-time scores, extra time, shootouts, goal lists), more/YYYY_full.txt
 * (kick-off times with UTC offsets, attendance, lineups with captains,
 * substitutions and cards, referees) and more/YYYY_squads.txt (numbers,
 * positions, dates of birth). Feed it the bytes of one file, take one
 * record at a time; every record carries its line. A line the reader does
 * not understand is an error at file:line:column with the line's text.
 * Never touches the store.
 */
#ifndef TOUCHLINE_FTXT_H
#define TOUCHLINE_FTXT_H

#include "touchline/model.h"
#include "touchline/util.h"

#define TL_FT_MAX_GOALS 40
#define TL_FT_MAX_LINEUP 48
#define TL_FT_MAX_BOOKINGS 3
#define TL_FT_MAX_GROUP_TEAMS 16
#define TL_FT_MAX_REFS 8
#define TL_FT_MAX_LINE 4096
#define TL_FT_MAX_KICKS 40

enum tl_ft_kind {
    TL_FT_EDITION = 0,  /* "= World Cup 2022" */
    TL_FT_GROUP_DEF,    /* "Group A | Qatar  Ecuador  Senegal  Netherlands" */
    TL_FT_ROUND_DEF,    /* "▪ Round of 16 | Sat Dec 3 - Tue Dec 6" */
    TL_FT_STAGE,        /* "▪ Quarter-finals", "▪ Group A", "▪▪ Group A": the stage/group that follows */
    TL_FT_MATCH,        /* a match with its score and goals */
    TL_FT_LINEUP,       /* one team's lineup of the last match (full files) */
    TL_FT_REFEREES,     /* the referees of the last match */
    TL_FT_SHOOTOUT,     /* "Penalties: 0-1 Alain GIRESSE, Uli STIELIKE (missed), ..." of the last match */
    TL_FT_SQUAD_TEAM,   /* "== Senegal" (squad files) */
    TL_FT_SQUAD_PLAYER, /* "16, Edouard MENDY, GK, b. 1992/03/01" */
};
const char *tl_ft_kind_name(enum tl_ft_kind k);

enum tl_ft_status {
    TL_FT_SCHEDULED = 0, /* "v", no score */
    TL_FT_PLAYED,
    TL_FT_CANCELLED,     /* "n/p": not played */
    TL_FT_AWARDED,       /* "awd." or "w/o": awarded / walkover, the score is the awarded one */
    TL_FT_ABANDONED,     /* "abd.": abandoned; the score is the one when it stopped */
};

struct tl_ft_goal {
    int side;           /* 0 = first team, 1 = second team (the team credited) */
    const char *player;
    int minute, added;  /* 45+2' = 45, 2 */
    int penalty, own_goal;
    long line;
};

enum tl_ft_card { TL_FT_YELLOW = 'Y', TL_FT_RED = 'R', TL_FT_SECOND_YELLOW = 'S' };

struct tl_ft_booking {
    enum tl_ft_card card;
    int minute, added;
};

/* One player of a lineup. Substitutes follow the player they replaced. */
struct tl_ft_player {
    const char *name;
    int captain;
    int starter;            /* 1 for the starting eleven */
    int on_minute, on_added; /* a substitute: when he came on; TL_NONE for starters */
    int replaced;           /* a substitute: index of the player he replaced; -1 */
    int nbookings;
    struct tl_ft_booking bookings[TL_FT_MAX_BOOKINGS];
};

struct tl_ft_match {
    int number;               /* "(74)"; 0 when not given */
    char date[11];            /* YYYY-MM-DD; "" when the file has none yet */
    char time[6];             /* local kick-off "HH:MM", or "" */
    int utc_offset;           /* minutes east of UTC, TL_NONE when not given */
    const char *team[2];
    int slot[2];              /* 1 when the team is a bracket slot: W49, L101, 1A, 3A/B/C/D/F, N.N. */
    enum tl_ft_status status;
    int score[2];             /* the result, after extra time if played, without the shootout */
    int ht[2], ft[2], aet[2], pen[2]; /* half time, 90 minutes, after extra time, shootout; TL_NONE */
    const char *note;         /* "[cancelled; Austria withdrew ...]", or NULL */
    const char *venue, *city;
    long attendance;          /* TL_NONE when not given */
    const char *stage, *group; /* the current "▪" headings, or NULL */
    int goals_listed;         /* the file gives a goal list for this match */
    int ngoals;
    struct tl_ft_goal goals[TL_FT_MAX_GOALS];
};

struct tl_ft_lineup {
    const char *team;
    int nplayers;
    struct tl_ft_player players[TL_FT_MAX_LINEUP];
};

struct tl_ft_referees {
    int n;
    const char *name[TL_FT_MAX_REFS];
    const char *nation[TL_FT_MAX_REFS]; /* "ITA", or NULL */
};

/* One kick of a shootout, in order. */
struct tl_ft_kick {
    const char *player;
    int scored;
    int side;      /* 0 = first team; from the running score, or by alternation for a miss */
    int score[2];  /* the shootout score after this kick */
};

struct tl_ft_shootout {
    int nkicks;
    struct tl_ft_kick kicks[TL_FT_MAX_KICKS];
};

struct tl_ft_record {
    enum tl_ft_kind kind;
    long line;                /* first line of the record */
    union {
        struct { const char *title; int year; } edition;
        struct { const char *name; int nteams; const char *teams[TL_FT_MAX_GROUP_TEAMS]; } group_def;
        struct { const char *name; const char *dates; } round_def;
        struct { int level; const char *name; int is_group; } stage;
        struct tl_ft_match match;
        struct tl_ft_lineup lineup;
        struct tl_ft_referees refs;
        struct tl_ft_shootout shootout;
        struct { const char *name; } squad_team;
        struct {
            const char *team;
            int number;           /* TL_NONE when not given ("-" or none) */
            const char *name;
            const char *nation;   /* for a manager: "(ITA)"; else NULL */
            char position[3];     /* GK DF MF FW, MG for the manager */
            char birth[11];       /* YYYY-MM-DD or "" */
        } squad_player;
    } u;
};

struct tl_ft_reader {
    const char *buf;          /* borrowed */
    size_t len, pos;
    const char *file;         /* borrowed */
    long line;                /* line number of the next line to read */
    int year;                 /* from the edition heading */
    char date[11];            /* the current date line */
    struct tl_buf ctx;        /* stage and group names (stable across records) */
    size_t stage_off, group_off, squad_off; /* offsets + 1 into ctx; 0 = none */
    struct tl_buf arena;      /* strings of the current record */
    struct tl_buf text;       /* a logical line joined from several physical ones */
    long *text_lines;         /* line number of each byte-run start in text */
    size_t *text_starts;
    size_t ntext, text_alloc;
    int in_match;             /* lineups, referees and a shootout may follow */
    struct tl_ft_match pending; /* the header part of a full-file match */
};

/* Start reading buf[0..len) (borrowed) of the file named file. */
void tl_ft_init(struct tl_ft_reader *r, const char *buf, size_t len, const char *file);
/* The next record, TL_EOF at the end, or TL_EPARSE / TL_ELIMIT with
 * file:line:column and the line's text in err; after an error the reader
 * continues with the next line. Strings in rec live until the next call. */
tl_rc tl_ft_next(struct tl_ft_reader *r, struct tl_ft_record *rec, struct tl_error *err) TL_WUR;
void tl_ft_free(struct tl_ft_reader *r);

/* For a reader whose records must outlive the next call (read ahead on
 * another thread, handed over one by one): tl_ft_arena_new gives a block
 * for a record's strings (NULL out of memory; tl_free it), and
 * tl_ft_next_into reads the next record as tl_ft_next does, with every one
 * of its strings in arena (or in the borrowed buffer) and none in the
 * reader, so that the record lives as long as arena and the buffer do. */
char *tl_ft_arena_new(void);
tl_rc tl_ft_next_into(struct tl_ft_reader *r, struct tl_ft_record *rec, char *arena,
                      struct tl_error *err) TL_WUR;

#endif
