/* report/en.c: English, as data. Placeholders in braces are filled by the
 * realiser (report/write.c); a key may have up to four variants, one
 * chosen by the seed. Another language is another file like this one. */
#include "touchline/report.h"

#include <stdio.h>
#include <string.h>

static void ordinal_en(int n, char *out, size_t cap)
{
    int t = n % 100, u = n % 10;
    const char *s = t >= 11 && t <= 13 ? "th" : u == 1 ? "st" : u == 2 ? "nd" : u == 3 ? "rd" : "th";
    snprintf(out, cap, "%d%s", n, s);
}

static const struct tl_phrase en[] = {
    /* headlines */
    {"headline.win", {"{winner} beat {loser} {score}", "{winner} {score} win over {loser}"}},
    {"headline.win_pens", {"{winner} beat {loser} on penalties", "{winner} win shootout against {loser}"}},
    {"headline.draw", {"{home} and {away} draw {score}", "{home} {score} {away}"}},
    {"headline.live", {"{home} {score} {away}, as it stands"}},
    {"headline.final", {"{winner} win the {competition}", "{winner} are {competition} champions"}},
    /* the opening */
    {"open.win", {"{winner} beat {loser} {score}{aet} in {stage_a} {where} on {weekday} {day} {month} {year}.",
                  "{winner} won {score}{aet} against {loser} in {stage_a} {where} on {weekday} {day} {month} {year}."}},
    {"open.loss", {"{loser} lost {score_l}{aet} to {winner} in {stage_a} {where} on {weekday} {day} {month} {year}."}},
    {"open.pens", {"{winner} beat {loser} {kicks} on penalties after a {score} draw{aet} in {stage_a} {where} on {weekday} {day} {month} {year}."}},
    {"open.draw", {"{home} and {away} drew {score} in {stage_a} {where} on {weekday} {day} {month} {year}."}},
    {"open.live", {"As it stands, {home} {score} {away} in {stage_a} {where}."}},
    {"aet", {" after extra time"}},
    {"where.venue", {"at {venue}, {city},"}},
    {"where.city", {"in {city}"}},
    /* goals */
    {"goal.first", {"{player} opened the scoring for {team} {minute_phrase}{how}.",
                    "{player} gave {team} the lead {minute_phrase}{how}."}},
    {"goal.first_pen", {"{player} put {team} ahead from the penalty spot {minute_phrase}."}},
    {"goal.equaliser", {"{player} equalised for {team} {minute_phrase}{how}, {after}.",
                        "{player} levelled at {after} {minute_phrase}{how}."}},
    {"goal.equaliser_pen", {"{player} equalised from the penalty spot {minute_phrase}, {after}.",
                            "{player} scored a penalty {minute_phrase} to level at {after}."}},
    {"goal.lead", {"{player} restored {team}'s lead {minute_phrase}{how}, {after}.",
                   "{player} put {team} back in front {minute_phrase}{how}, {after}."}},
    {"goal.ahead", {"{player} put {team} ahead {minute_phrase}{how}, {after}."}},
    {"goal.more", {"{player} made it {after} {minute_phrase}{how}.", "{player} added another {minute_phrase}{how}, {after}."}},
    {"goal.more_pen", {"{player} made it {after} from the spot {minute_phrase}."}},
    {"goal.pull_back", {"{player} pulled one back for {team} {minute_phrase}{how}, {after}."}},
    {"goal.own", {"{player} turned the ball into his own net {minute_phrase}, {after} to {team}."}},
    {"goal.header", {" with a header"}},
    {"goal.outside", {" from outside the box"}},
    /* penalties missed in play */
    {"miss.over", {"{player} fired a penalty over the bar {minute_phrase}.",
                   "{player} sent a penalty over the bar {minute_phrase}."}},
    {"miss.saved", {"{keeper} saved a penalty from {player} {minute_phrase}."}},
    {"miss.saved_nokeeper", {"{player}'s penalty was saved {minute_phrase}."}},
    {"miss.woodwork", {"{player} hit the woodwork with a penalty {minute_phrase}."}},
    {"miss.wide", {"{player} missed a penalty {minute_phrase}, wide of the target."}},
    {"miss.missed", {"{player} missed a penalty {minute_phrase}."}},
    /* cards */
    {"red.straight", {"{player} of {team} was sent off {minute_phrase}."}},
    {"red.second", {"{player} of {team} was sent off for a second yellow card {minute_phrase}."}},
    /* the shootout */
    {"shootout.first", {"{first} took the first kick of the shootout."}},
    /* what it means */
    {"next", {"{team} face {opponent} in the {stage} on {weekday} {day} {month}{at}.",
              "{team} will play {opponent} in the {stage} on {weekday} {day} {month}{at}."}},
    {"next.slot", {"{team} go through to the {stage} on {weekday} {day} {month}, against {opponent}."}},
    {"next.at", {" at {venue}"}},
    {"out", {"{team} are out of the {competition}.", "That ends {team}'s {competition}."}},
    {"out.final", {"{team} finish as runners-up."}},
    {"champions", {"{team} are the {competition} champions."}},
    {"table", {"{team} are {position} in {group} with {points} point{points_s} from {played} match{played_es}.",
               "After {played} match{played_es}, {team} have {points} point{points_s}, {position} in {group}."}},
    {"table.top", {"{team} lead {group} with {points} point{points_s} after {played} match{played_es}."}},
    /* milestones: the engine's sentence */
    {"milestone", {"{text}."}},
    /* the round */
    {"other.intro", {"In the other {stage_plural} so far: {list}.", "Elsewhere in the {stage_plural}: {list}."}},
    {"other.win", {"{winner} beat {loser} {score}{aet}"}},
    {"other.pens", {"{winner} beat {loser} {kicks} on penalties after a {score} draw"}},
    /* epithets for a team's first mention */
    {"epithet.holders", {"the holders {team}"}},
    {"epithet.titles", {"{count_word}-time winners {team}"}},
    {"epithet.runners_up", {"{year} runners-up {team}"}},
    /* stages */
    {"stage.final", {"the {competition} final"}},
    {"stage.level", {"a {competition} {level}"}},
    {"stage.group", {"a {competition} {group} match"}},
    {"stage.other", {"a {competition} match"}},
    {"stage.friendly", {"a friendly"}},
    {"level.1", {"round-of-32 match"}},
    {"level.2", {"round-of-16 match"}},
    {"level.3", {"quarter-final"}},
    {"level.4", {"semi-final"}},
    {"level.5", {"final"}},
    {"levels.1", {"round-of-32 matches"}},
    {"levels.2", {"round-of-16 matches"}},
    {"levels.3", {"quarter-finals"}},
    {"levels.4", {"semi-finals"}},
    {"levels.5", {"finals"}},
    {"list.and", {" and "}},
    /* minutes */
    {"minute", {"in the {ordinal} minute"}},
    {"minute.added", {"in added time at the end of the {period} ({minute}+{added})"}},
    {"period.45", {"first half"}},
    {"period.90", {"second half"}},
    {"period.105", {"first half of extra time"}},
    {"period.120", {"second half of extra time"}},
    /* previews */
    {"preview.open", {"{home} play {away} in {stage_a} {where} on {weekday} {day} {month} {year}."}},
    {"preview.form", {"{team} have won {won}, drawn {drawn} and lost {lost} of their last {played} matches."}},
    {"preview.h2h", {"The teams have met {played} time{played_s}: {home} won {won}, {away} won {lost}, and {drawn} ended level."}},
    {"preview.h2h_none", {"The teams have never met."}},
    {"preview.odds", {"On their Elo ratings, {home} win with a probability of {p0}%, a draw {p1}% and {away} {p2}% in normal time."}},
    {"preview.stake", {"The winner plays {opponent} in the {stage} on {weekday} {day} {month}."}},
};

const struct tl_phrasebook tl_phrasebook_en = {
    "en",
    en,
    sizeof en / sizeof *en,
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"},
    ordinal_en,
};

const struct tl_phrasebook *tl_phrasebook(const char *lang)
{
    if (!lang || strcmp(lang, "en") == 0) return &tl_phrasebook_en;
    return NULL;
}
