/* store/schema.c: the migrations, in order. Migration i takes the database
 * from user_version i-1 to i; a released migration is never edited, only
 * followed by a new one. */
#include "store_int.h"

/* CHECK constraints compare with OR, not IN (...): SQLite evaluates a CHECK
 * IN-list through an ephemeral table built for every row written, which
 * made each event insert open and close a pager (a quarter of import time). */
static const char *const migration_1 =
    /* where every row came from */
    /* a source is identified by its data set and its name inside it
     * (goalscorers.csv; later 2022--qatar/cup.txt, events/3788741.json), not
     * by where it was read from, so the same data read from another folder
     * updates the same rows instead of duplicating them */
    "CREATE TABLE sources("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"             /* international, football.txt, statsbomb, live */
    "  name TEXT NOT NULL,"             /* the file's name within its data set */
    "  path TEXT NOT NULL,"             /* where it was last read from (absolute) */
    "  imported_at TEXT NOT NULL,"      /* when it was last imported (UTC) */
    "  rank INTEGER NOT NULL DEFAULT 0," /* detail: when sources overlap, the highest rank's events count */
    "  UNIQUE(kind, name)"
    ");"
    /* competitions carry their rules as data; the tournament engine fills them */
    "CREATE TABLE competitions("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  folded TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'national_teams',"
    "  points_win INTEGER NOT NULL DEFAULT 3,"
    "  points_draw INTEGER NOT NULL DEFAULT 1,"
    "  points_loss INTEGER NOT NULL DEFAULT 0,"
    "  tiebreakers TEXT,"               /* ordered rule names, comma-separated */
    "  format TEXT,"                    /* JSON: groups, advancing, best thirds, bracket slots */
    "  source_id INTEGER REFERENCES sources(id),"
    "  source_line INTEGER"
    ");"
    "CREATE INDEX competitions_folded ON competitions(folded);"
    "CREATE TABLE editions("
    "  id INTEGER PRIMARY KEY,"
    "  competition_id INTEGER NOT NULL REFERENCES competitions(id),"
    "  name TEXT NOT NULL,"             /* e.g. 2022 */
    "  start_date TEXT, end_date TEXT, host TEXT,"
    "  tiebreakers TEXT, format TEXT,"  /* overrides of the competition's rules for this edition */
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER,"
    "  UNIQUE(competition_id, name)"
    ");"
    "CREATE TABLE stages("
    "  id INTEGER PRIMARY KEY,"
    "  edition_id INTEGER NOT NULL REFERENCES editions(id),"
    "  name TEXT NOT NULL,"
    "  kind TEXT NOT NULL"
    "    CHECK(kind='group' OR kind='knockout' OR kind='final_round' OR kind='playoff'),"
    "  ord INTEGER NOT NULL DEFAULT 0,"
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER,"
    "  UNIQUE(edition_id, name)"
    ");"
    "CREATE TABLE stage_groups("
    "  id INTEGER PRIMARY KEY,"
    "  stage_id INTEGER NOT NULL REFERENCES stages(id),"
    "  name TEXT NOT NULL,"
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER,"
    "  UNIQUE(stage_id, name)"
    ");"
    "CREATE TABLE teams("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"      /* the current name */
    "  folded TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'national',"
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER"
    ");"
    "CREATE INDEX teams_folded ON teams(folded);"
    "CREATE TABLE team_names("
    "  id INTEGER PRIMARY KEY,"
    "  team_id INTEGER NOT NULL REFERENCES teams(id),"
    "  name TEXT NOT NULL,"
    "  folded TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK(kind='former' OR kind='alias'),"
    "  start_date TEXT, end_date TEXT,"
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER,"
    "  UNIQUE(team_id, name, start_date)"
    ");"
    "CREATE INDEX team_names_folded ON team_names(folded);"
    "CREATE TABLE players("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  folded TEXT NOT NULL,"
    "  alt TEXT NOT NULL,"              /* folded, with German ae/oe/ue read as a/o/u */
    "  team_id INTEGER REFERENCES teams(id)," /* the national team he played for */
    "  birth_date TEXT,"
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER"
    ");"
    "CREATE INDEX players_folded ON players(folded, team_id);"
    "CREATE INDEX players_alt ON players(alt, team_id);"
    /* every spelling a source used for a player, and why it was read as him:
     * what touchline resolve --explain shows */
    "CREATE TABLE player_spellings("
    "  player_id INTEGER NOT NULL REFERENCES players(id),"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  spelling TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"           /* new, same name, squad form, transliteration, namesake age */
    "  source_line INTEGER,"            /* the first line with this spelling */
    "  PRIMARY KEY(player_id, source_id, spelling)"
    ") WITHOUT ROWID;"
    "CREATE TABLE matches("
    "  id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL CHECK(date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  kickoff TEXT,"                   /* local HH:MM */
    "  utc_offset INTEGER,"             /* minutes east of UTC */
    "  home_id INTEGER REFERENCES teams(id),"
    "  away_id INTEGER REFERENCES teams(id),"
    "  home_slot TEXT, away_slot TEXT," /* bracket slots (W49, 1A, 3A/B/C) until the teams are known */
    "  seq INTEGER NOT NULL DEFAULT 0," /* 2nd, 3rd match of the same teams that day */
    "  competition_id INTEGER REFERENCES competitions(id),"
    "  edition_id INTEGER REFERENCES editions(id),"
    "  stage_id INTEGER REFERENCES stages(id),"
    "  group_id INTEGER REFERENCES stage_groups(id),"
    "  match_no INTEGER,"
    "  venue TEXT, city TEXT, country TEXT,"
    "  neutral INTEGER NOT NULL DEFAULT 0 CHECK(neutral=0 OR neutral=1),"
    "  score_home INTEGER, score_away INTEGER," /* result incl. extra time, excl. shootout */
    "  ht_home INTEGER, ht_away INTEGER,"
    "  ft_home INTEGER, ft_away INTEGER,"       /* after 90 minutes */
    "  aet_home INTEGER, aet_away INTEGER,"     /* after extra time */
    "  so_home INTEGER, so_away INTEGER,"       /* shootout kicks scored */
    "  so_winner_id INTEGER REFERENCES teams(id),"
    "  so_first_id INTEGER REFERENCES teams(id),"
    "  so_source_id INTEGER REFERENCES sources(id), so_source_line INTEGER,"
    "  status TEXT NOT NULL DEFAULT 'scheduled'"
    "    CHECK(status='scheduled' OR status='live' OR status='finished' OR status='abandoned'),"
    "  attendance INTEGER, referee TEXT,"
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER,"
    "  CHECK(home_id IS NOT NULL OR home_slot IS NOT NULL),"
    "  CHECK(away_id IS NOT NULL OR away_slot IS NOT NULL)"
    ");"
    /* natural keys are unique indexes (not table constraints) so a bulk load
     * into empty tables can build them once, sorted, at commit */
    "CREATE UNIQUE INDEX matches_key ON matches(date, home_id, away_id, seq);"
    /* how each further source reads a match, oriented to the stored home team:
     * what touchline check compares */
    "CREATE TABLE match_versions("
    "  match_id INTEGER NOT NULL REFERENCES matches(id),"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  source_line INTEGER,"
    "  date TEXT NOT NULL,"             /* the date as this source gives it */
    "  score_home INTEGER, score_away INTEGER,"
    "  ht_home INTEGER, ht_away INTEGER,"
    "  ft_home INTEGER, ft_away INTEGER,"
    "  aet_home INTEGER, aet_away INTEGER,"
    "  so_home INTEGER, so_away INTEGER,"
    "  status TEXT NOT NULL,"
    "  goals_listed INTEGER,"           /* goals in the source's list, NULL when it has none */
    "  PRIMARY KEY(match_id, source_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX match_versions_source ON match_versions(source_id, date);"
    /* a team's matches, home and away, covering what records and coverage read */
    "CREATE INDEX matches_home ON matches(home_id, date, score_home, score_away, competition_id);"
    "CREATE INDEX matches_away ON matches(away_id, date, score_away, score_home, competition_id);"
    "CREATE INDEX matches_competition ON matches(competition_id, date);"
    "CREATE INDEX matches_edition ON matches(edition_id, date);"
    /* a source's own id for a match (a StatsBomb match id...) */
    "CREATE TABLE match_refs("
    "  kind TEXT NOT NULL, ext_id TEXT NOT NULL,"
    "  match_id INTEGER NOT NULL REFERENCES matches(id),"
    "  PRIMARY KEY(kind, ext_id)"
    ") WITHOUT ROWID;"
    "CREATE TABLE events("
    "  id INTEGER PRIMARY KEY,"
    "  match_id INTEGER NOT NULL REFERENCES matches(id),"
    "  date TEXT NOT NULL,"             /* the match's date, copied so scorer charts read one index */
    "  kind TEXT NOT NULL CHECK(kind='goal' OR kind='penalty_goal' OR kind='own_goal'"
    "    OR kind='penalty_missed' OR kind='yellow' OR kind='second_yellow' OR kind='red'"
    "    OR kind='substitution' OR kind='shootout_kick'),"
    "  period INTEGER CHECK(period BETWEEN 1 AND 5),"
    "  minute INTEGER,"                 /* 45+2' is minute 45, added 2 */
    "  added INTEGER NOT NULL DEFAULT 0,"
    "  team_id INTEGER NOT NULL REFERENCES teams(id),"
    "  player_id INTEGER REFERENCES players(id),"
    "  player2_id INTEGER REFERENCES players(id)," /* substitution: the player going off */
    /* a missed penalty or kick: how, when known; 'missed' when the source only says missed */
    "  outcome TEXT CHECK(outcome='scored' OR outcome='saved' OR outcome='off_target'"
    "    OR outcome='woodwork' OR outcome='over' OR outcome='missed'),"
    "  kick_order INTEGER,"             /* shootout kicks: 1, 2, ... */
    "  source_id INTEGER NOT NULL REFERENCES sources(id), source_line INTEGER,"
    "  ord INTEGER NOT NULL,"           /* position among the source's events of the match */
    /* several sources may list the same goals: those of one source per match count */
    "  is_primary INTEGER NOT NULL DEFAULT 1"
    ");"
    "CREATE UNIQUE INDEX events_key ON events(match_id, source_id, ord);"
    "CREATE INDEX events_team ON events(team_id, player_id, kind, is_primary, date, match_id);"
    "CREATE TABLE squads("
    "  id INTEGER PRIMARY KEY,"
    "  edition_id INTEGER NOT NULL REFERENCES editions(id),"
    "  team_id INTEGER NOT NULL REFERENCES teams(id),"
    "  player_id INTEGER NOT NULL REFERENCES players(id),"
    "  number INTEGER, position TEXT,"  /* GK DF MF FW; MG for the manager */
    "  source_id INTEGER REFERENCES sources(id), source_line INTEGER,"
    "  UNIQUE(edition_id, team_id, player_id)"
    ");"
    "CREATE INDEX squads_player ON squads(player_id, edition_id);"
    "CREATE TABLE lineups("
    "  id INTEGER PRIMARY KEY,"
    "  match_id INTEGER NOT NULL REFERENCES matches(id),"
    "  team_id INTEGER NOT NULL REFERENCES teams(id),"
    "  player_id INTEGER NOT NULL REFERENCES players(id),"
    "  shirt INTEGER, position TEXT,"
    "  starter INTEGER NOT NULL DEFAULT 1, captain INTEGER NOT NULL DEFAULT 0,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id), source_line INTEGER,"
    "  ord INTEGER NOT NULL,"           /* position in the source's lineup of the match */
    "  UNIQUE(match_id, source_id, ord)" /* a player listed twice stays visible to check */
    ");"
    "CREATE INDEX lineups_player ON lineups(player_id);";

/* 2: event data (StatsBomb). */
static const char *const migration_2 =
    /* StatsBomb's own ids are kept as they are in the files; these tables say
     * which touchline team and player each one is (resolved once, by name
     * and date, when first imported) */
    "CREATE TABLE sb_teams("
    "  sb_id INTEGER PRIMARY KEY,"
    "  team_id INTEGER NOT NULL REFERENCES teams(id),"
    "  name TEXT NOT NULL"                /* as StatsBomb writes it */
    ");"
    "CREATE TABLE sb_players("
    "  sb_id INTEGER PRIMARY KEY,"
    "  player_id INTEGER NOT NULL REFERENCES players(id),"
    "  name TEXT NOT NULL, nickname TEXT" /* full name; the name he is known by (lineups files) */
    ");"
    /* a StatsBomb match and the file its events were last imported from */
    "CREATE TABLE sb_matches("
    "  match_id INTEGER PRIMARY KEY REFERENCES matches(id),"
    "  sb_id INTEGER NOT NULL UNIQUE,"
    "  score_home INTEGER, score_away INTEGER," /* the matches file's, oriented as matches */
    "  events_source_id INTEGER REFERENCES sources(id),"
    "  events_digest TEXT"                /* of the file's bytes: an unchanged file is not rewritten */
    ");"
    /* every event of the files, with typed columns for what touchline
     * computes with and the event's JSON object as StatsBomb wrote it */
    "CREATE TABLE sb_events("
    "  id INTEGER PRIMARY KEY,"
    "  match_id INTEGER NOT NULL REFERENCES matches(id),"
    "  idx INTEGER NOT NULL,"             /* StatsBomb's index: order within the match, from 1 */
    "  uuid TEXT NOT NULL,"
    "  period INTEGER NOT NULL CHECK(period BETWEEN 1 AND 5),"
    "  ms INTEGER NOT NULL,"              /* timestamp within the period */
    "  minute INTEGER NOT NULL, second INTEGER NOT NULL," /* elapsed since kick-off, as in the file */
    "  type_id INTEGER NOT NULL, type TEXT NOT NULL,"
    "  possession INTEGER, possession_team INTEGER, play_pattern TEXT,"
    "  team INTEGER NOT NULL,"            /* sb_teams.sb_id */
    "  player INTEGER,"                   /* sb_players.sb_id */
    "  position TEXT,"
    "  x REAL, y REAL,"                   /* StatsBomb pitch: 120 x 80 yards, attacking left to right */
    "  end_x REAL, end_y REAL, end_z REAL," /* shot, pass, carry; end_z: a shot's height */
    "  duration REAL,"
    "  flags INTEGER NOT NULL DEFAULT 0," /* 1 under pressure, 2 off camera, 4 out,
                                           * 8 counterpress, 16 first time, 32 deflected */
    "  outcome TEXT, subtype TEXT,"       /* shot/pass outcome and type ... */
    "  body_part TEXT, technique TEXT, height TEXT,"
    "  xg REAL, length REAL,"
    "  other INTEGER,"                    /* pass recipient, substitution replacement (sb_id) */
    "  card TEXT, formation INTEGER,"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),"
    "  raw TEXT NOT NULL"                 /* the event's JSON object */
    ");"
    "CREATE UNIQUE INDEX sb_events_key ON sb_events(match_id, idx);";

/* 3: Elo ratings, derived from the results and kept so a new result is
 * rated without rating 150 years again. A cache: no foreign keys (a merged
 * team or a removed match makes rows stale, and stale rows are rated again
 * from their date on), and each row keeps the inputs it was rated from. */
static const char *const migration_3 =
    "CREATE TABLE elo("
    "  match_id INTEGER PRIMARY KEY,"
    "  date TEXT NOT NULL,"
    "  home_id INTEGER NOT NULL, away_id INTEGER NOT NULL,"
    "  score_home INTEGER NOT NULL, score_away INTEGER NOT NULL," /* after extra time */
    "  neutral INTEGER NOT NULL, competition_id INTEGER, k INTEGER NOT NULL,"
    "  home_before REAL NOT NULL, away_before REAL NOT NULL,"
    "  change REAL NOT NULL,"             /* the home side's gain, the away side's loss */
    "  home_n INTEGER NOT NULL, away_n INTEGER NOT NULL" /* matches rated, this one included */
    ");"
    "CREATE INDEX elo_order ON elo(date, match_id);"
    "CREATE INDEX elo_home ON elo(home_id, date, match_id);"
    "CREATE INDEX elo_away ON elo(away_id, date, match_id);"
    /* the method the rows were computed with (TL_ELO_PARAMS) */
    "CREATE TABLE elo_params(params TEXT NOT NULL);";

/* 4: milestones (derived, like the ratings) and the sourced baselines of
 * career totals they count from where the data lacks goals. */
static const char *const migration_4 =
    "CREATE TABLE baselines("
    "  id INTEGER PRIMARY KEY,"
    "  player_id INTEGER NOT NULL REFERENCES players(id),"
    "  team_id INTEGER NOT NULL REFERENCES teams(id),"
    "  goals INTEGER NOT NULL CHECK(goals >= 0),"
    "  as_of TEXT NOT NULL CHECK(as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    "  source TEXT NOT NULL CHECK(length(source) > 0)," /* who says so */
    "  added_at TEXT NOT NULL,"
    "  UNIQUE(player_id, team_id, as_of)"
    ");"
    /* a cache: computed again when the goals, matches or baselines change */
    "CREATE TABLE milestones("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL, date TEXT NOT NULL,"
    "  match_id INTEGER, team_id INTEGER, player_id INTEGER, event_id INTEGER,"
    "  value INTEGER, text TEXT NOT NULL, rests_on TEXT, coverage TEXT"
    ");"
    "CREATE INDEX milestones_date ON milestones(date);"
    "CREATE INDEX milestones_team ON milestones(team_id, date);"
    "CREATE INDEX milestones_player ON milestones(player_id, date);"
    "CREATE TABLE milestones_params(params TEXT NOT NULL);";

/* 5: the live feed: each match's state as events arrive, every published
 * item in order (its seq is the SSE event id), and the idempotency keys
 * of the requests that wrote them. */
static const char *const migration_5 =
    "CREATE TABLE live_state("
    "  match_id INTEGER PRIMARY KEY REFERENCES matches(id),"
    "  period INTEGER NOT NULL DEFAULT 0,"   /* 0 before kick-off, 1-4, 5 the shootout */
    "  phase TEXT NOT NULL DEFAULT 'before'" /* before, playing, break, finished */
    "    CHECK(phase='before' OR phase='playing' OR phase='break' OR phase='finished'),"
    "  last_minute INTEGER NOT NULL DEFAULT 0, last_added INTEGER NOT NULL DEFAULT 0,"
    "  ord INTEGER NOT NULL DEFAULT 0"       /* the live source's events of the match so far */
    ");"
    "CREATE TABLE live_feed("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  match_id INTEGER NOT NULL REFERENCES matches(id),"
    "  competition_id INTEGER,"
    "  kind TEXT NOT NULL,"
    "  data TEXT NOT NULL,"                  /* the JSON published */
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX live_feed_match ON live_feed(match_id, seq);"
    "CREATE INDEX live_feed_competition ON live_feed(competition_id, seq);"
    "CREATE TABLE live_requests("
    "  key TEXT PRIMARY KEY,"                /* the client's Idempotency-Key */
    "  match_id INTEGER NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  response TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ") WITHOUT ROWID;";

/* 6: indexes only over the rows their look-ups can find. Players by
 * transliterated name only where it differs from the folded one (735 of
 * 9,839 World Cup players): a name whose two forms are the same is found on
 * players_folded, and every player written kept a second text index up to
 * date for nothing (players' writes ~10 -> ~7 ms). Matches by edition only
 * where there is one (none of the results' 49,520 matches has one; every
 * look-up is edition_id=?, which a partial index answers). */
static const char *const migration_6 =
    "DROP INDEX players_alt;"
    "CREATE INDEX players_alt ON players(alt, team_id) WHERE alt<>folded;"
    "DROP INDEX matches_edition;"
    "CREATE INDEX matches_edition ON matches(edition_id, date) WHERE edition_id IS NOT NULL;";

/* 7: a player's lineups by player and match: the scorer chart counts each
 * scorer's matches (count(DISTINCT match_id) of his lineups) from the index
 * alone, not a table row per lineup (England's chart 0.95 -> 0.79 ms). */
static const char *const migration_7 =
    "DROP INDEX lineups_player;"
    "CREATE INDEX lineups_player ON lineups(player_id, match_id);";

const char *const tl_store_migrations[] = {
    migration_1,
    migration_2,
    migration_3,
    migration_4,
    migration_5,
    migration_6,
    migration_7,
};

const int tl_store_nmigrations = (int)(sizeof tl_store_migrations / sizeof tl_store_migrations[0]);
_Static_assert(sizeof tl_store_migrations / sizeof tl_store_migrations[0] == TL_SCHEMA_VERSION,
               "TL_SCHEMA_VERSION (touchline/store.h) is the number of migrations");
