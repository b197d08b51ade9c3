#!/usr/bin/env python3
"""Writes the small StatsBomb-format fixtures of tests/data/sb (hand-designed,
not real data): a final that goes to extra time and a shootout, with a
penalty over the bar, and broken variants of it; a group match with an own
goal, a penalty saved by the keeper, a header and a goal from outside the
box (report/). Run from this folder."""
import json, os, shutil

T = {"id": 901, "name": "Testland"}
M = {"id": 902, "name": "Mockovia"}
P = {k: {"id": 9100 + i, "name": k} for i, k in enumerate(
    ["Ann Alpha", "Ben Beta", "Cid Gamma", "Dan Delta", "Eve Epsilon", "Fay Zeta",
     "Hal Eta", "Ivo Theta"])}
tid = {901: T, 902: M}
side = {"Ann Alpha": T, "Ben Beta": T, "Cid Gamma": T, "Hal Eta": T,
        "Dan Delta": M, "Eve Epsilon": M, "Fay Zeta": M, "Ivo Theta": M}
named = lambda i, n: {"id": i, "name": n}
events, idx = [], [0]

def ev(typ, period, minute, second, team, player=None, **extra):
    idx[0] += 1
    e = {"id": "00000000-0000-0000-0000-%012d" % idx[0], "index": idx[0], "period": period,
         "timestamp": "00:%02d:%02d.000" % (minute - [0, 0, 45, 90, 105, 0][period] if period < 5 else 0, second),
         "minute": minute, "second": second, "type": named(*typ), "possession": idx[0],
         "possession_team": team, "play_pattern": named(1, "Regular Play"), "team": team}
    if player:
        e["player"] = P[player]
        e["position"] = named(23, "Center Forward")
        e["location"] = [108.0, 40.0]
    e.update(extra)
    events.append(e)

XI, HS, HE, SHOT = (35, "Starting XI"), (18, "Half Start"), (34, "Half End"), (16, "Shot")
def xi(team, formation, names):
    ev(XI, 1, 0, 0, team, tactics={"formation": formation, "lineup": [
        {"player": P[n], "position": named(23, "Center Forward"), "jersey_number": 7 + i}
        for i, n in enumerate(names)]})
def shot(period, minute, name, kind, outcome, end, xg=0.3):
    ev(SHOT, period, minute, 0, side[name], name, shot={
        "statsbomb_xg": xg, "end_location": end, "type": named(*kind), "outcome": named(*outcome),
        "body_part": named(40, "Right Foot"), "technique": named(93, "Normal")})
OPEN, PEN = (87, "Open Play"), (88, "Penalty")
GOAL, SAVED, POST, OFFT = (97, "Goal"), (100, "Saved"), (99, "Post"), (98, "Off T")

xi(T, 442, ["Ann Alpha", "Ben Beta", "Hal Eta"])
xi(M, 433, ["Dan Delta", "Eve Epsilon", "Fay Zeta", "Ivo Theta"])
for p, start, end in [(1, 0, 47), (2, 45, 94), (3, 90, 106), (4, 105, 121), (5, 120, 121)]:
    ev(HS, p, start, 0, T); ev(HS, p, start, 0, M)
    if p == 1:
        shot(1, 9, "Ann Alpha", OPEN, GOAL, [120.0, 38.0, 1.0])               # 10': 1-0
        ev((22, "Foul Committed"), 1, 30, 5, M, "Dan Delta",
           foul_committed={"card": named(7, "Yellow Card")})                   # 31' yellow
    if p == 2:
        shot(2, 84, "Eve Epsilon", PEN, OFFT, [120.0, 41.0, 3.2], 0.78)       # 85' over the bar
        shot(2, 88, "Fay Zeta", OPEN, GOAL, [120.0, 42.0, 0.5])               # 89': 1-1
        ev((19, "Substitution"), 2, 89, 0, T, "Ben Beta", substitution={
            "replacement": P["Cid Gamma"], "outcome": named(103, "Tactical")})  # 90'
        ev((24, "Bad Behaviour"), 2, 92, 0, M, "Dan Delta",
           bad_behaviour={"card": named(6, "Second Yellow")})                  # 90+3'
    if p == 5:
        shot(5, 120, "Ann Alpha", PEN, GOAL, [120.0, 39.0, 0.4], 0.78)
        shot(5, 120, "Eve Epsilon", PEN, SAVED, [118.0, 40.0], 0.78)
        shot(5, 120, "Cid Gamma", PEN, POST, [120.0, 36.0, 1.0], 0.78)
        shot(5, 121, "Fay Zeta", PEN, GOAL, [120.0, 43.0, 0.3], 0.78)
        shot(5, 121, "Hal Eta", PEN, GOAL, [120.0, 40.0, 2.0], 0.78)
        shot(5, 121, "Ivo Theta", PEN, OFFT, [120.0, 40.5, 2.9], 0.78)         # over
    ev(HE, p, end, 0, T); ev(HE, p, end, 0, M)

fixture = [{"match_id": 9000001, "match_date": "2030-07-14", "kick_off": "20:00:00.000",
            "competition": {"competition_id": 9, "competition_name": "Fixture Cup"},
            "season": {"season_id": 99, "season_name": "2030"},
            "home_team": {"home_team_id": 901, "home_team_name": "Testland"},
            "away_team": {"away_team_id": 902, "away_team_name": "Mockovia"},
            "home_score": 1, "away_score": 1, "match_week": 1,
            "competition_stage": {"id": 26, "name": "Final"},
            "stadium": {"id": 1, "name": "Fixture Park  "}, "referee": None}]

def write(folder, evs, fx=fixture, raw=None):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder + "/matches/9"); os.makedirs(folder + "/events")
    if fx is not None:
        json.dump(fx, open(folder + "/matches/9/99.json", "w"), indent=1)
    text = raw if raw is not None else json.dumps(evs, indent=1)
    open(folder + "/events/9000001.json", "w").write(text)

write("shootout", events)
good = json.dumps(events, indent=1)
write("bad-truncated", None, raw=good[: len(good) * 2 // 3])
bad = json.loads(good)
bad[5]["team"] = {"id": 999, "name": "Nowhere"}
write("bad-team", bad)
wrong = json.loads(json.dumps(fixture))
wrong[0]["home_score"] = 2   # the events have 1-1
write("score-mismatch", events, fx=wrong)
write("orphan", events, fx=None)
shutil.rmtree("orphan/matches")

# ---- report/: a group match, Testland 2-1 Mockovia ----
events.clear()
idx[0] = 0
def gk(period, minute, team, name):
    ev((23, "Goal Keeper"), period, minute, 1, team, name,
       goalkeeper={"type": named(28, "Penalty Saved"), "outcome": named(15, "Success")})
xi(T, 442, ["Ann Alpha", "Ben Beta", "Hal Eta"])
xi(M, 433, ["Dan Delta", "Eve Epsilon", "Fay Zeta", "Ivo Theta"])
for p, start, end in [(1, 0, 47), (2, 45, 93)]:
    ev(HS, p, start, 0, T); ev(HS, p, start, 0, M)
    if p == 1:
        shot(1, 11, "Eve Epsilon", PEN, SAVED, [118.0, 40.0], 0.78)           # 12': saved
        gk(1, 11, T, "Hal Eta")                                                 # ... by Hal Eta
        ev((20, "Own Goal Against"), 1, 29, 0, M, "Dan Delta")                  # 30': own goal, 1-0
        ev((25, "Own Goal For"), 1, 29, 0, T)
    if p == 2:
        ev(SHOT, 2, 55, 0, M, "Fay Zeta", shot={
            "statsbomb_xg": 0.2, "end_location": [120.0, 40.0, 1.0], "type": named(*OPEN),
            "outcome": named(*GOAL), "body_part": named(37, "Head"),
            "technique": named(93, "Normal")})                                  # 56': header, 1-1
        ev(SHOT, 2, 80, 0, T, "Ann Alpha", shot={
            "statsbomb_xg": 0.05, "end_location": [120.0, 38.0, 0.5], "type": named(*OPEN),
            "outcome": named(*GOAL), "body_part": named(40, "Right Foot"),
            "technique": named(93, "Normal")})                                  # 81': 2-1
        events[-1]["location"] = [92.0, 40.0]                                   # 28 yards out
        ev((22, "Foul Committed"), 2, 86, 0, M, "Ivo Theta",
           foul_committed={"card": named(5, "Red Card")})                      # 87' red
    ev(HE, p, end, 0, T); ev(HE, p, end, 0, M)
group = json.loads(json.dumps(fixture))
group[0].update({"match_id": 9000002, "match_date": "2030-06-20", "home_score": 2, "away_score": 1,
                 "competition_stage": {"id": 1, "name": "Group Stage"}})
shutil.rmtree("report", ignore_errors=True)
os.makedirs("report/matches/9"); os.makedirs("report/events")
json.dump(group, open("report/matches/9/99.json", "w"), indent=1)
open("report/events/9000002.json", "w").write(json.dumps(events, indent=1))
