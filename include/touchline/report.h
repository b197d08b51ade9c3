/*
 * report: match reports and previews written from facts (struct tl_fact,
 * gathered by load/facts.c). Facts first, then words: a plan chooses which
 * facts matter and in which order (language-free), then a language's
 * phrasebook (data: templates with {placeholders}, month and weekday
 * names, number words) realises each sentence. Every sentence keeps the
 * indexes of the facts it rests on. Variety is chosen by a hash of the
 * seed, so a seed always gives the same report.
 */
#ifndef TOUCHLINE_REPORT_H
#define TOUCHLINE_REPORT_H

#include "touchline/model.h"
#include "touchline/util.h"

#define TL_SENTENCE_FACTS 16
struct tl_sentence {
    char *text;
    int fact[TL_SENTENCE_FACTS];   /* indexes into the fact list */
    int nfacts;
    int paragraph;                 /* starts a new paragraph */
};
struct tl_report {
    const char *lang;
    struct tl_sentence headline;
    struct tl_sentence *v;
    size_t n, alloc;
};
void tl_report_free(struct tl_report *r);

/* A language: templates by key, each with up to four variants. */
struct tl_phrase {
    const char *key;
    const char *v[4];
};
struct tl_phrasebook {
    const char *lang;              /* "en" */
    const struct tl_phrase *p;
    size_t n;
    const char *month[12];
    const char *weekday[7];        /* Monday first */
    const char *count_word[11];    /* 0..10 as words ("five") */
    /* the ordinal of n ("53rd") into out */
    void (*ordinal)(int n, char *out, size_t cap);
};
/* The phrasebook of a language ("en"), or NULL. */
const struct tl_phrasebook *tl_phrasebook(const char *lang);

/* The report of a played (or live) match from its facts. TL_EUSAGE when
 * the facts have no result to report (a match not played yet). */
tl_rc tl_report_write(const struct tl_fact_list *f, const struct tl_phrasebook *pb,
                      uint64_t seed, struct tl_report *out) TL_WUR;
/* A preview of a match to come: form, head-to-head, probabilities, what
 * is at stake. */
tl_rc tl_report_preview(const struct tl_fact_list *f, const struct tl_phrasebook *pb,
                        uint64_t seed, struct tl_report *out) TL_WUR;

#endif
