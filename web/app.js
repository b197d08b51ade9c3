// web/app.js: the tournament view and the match centre, from touchline's
// JSON API, kept up to date by the live feed (EventSource). No build step.
const view = document.getElementById('view');
const liveState = document.getElementById('live-state');
let source = null;
// Each view fetches several answers at once, and the live feed can start a
// new render before the last one is done: only the newest render draws, so
// an older one finishing late never paints over newer data.
let renders = 0;

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
const api = async (path) => {
  const r = await fetch(path);
  if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || r.statusText);
  return r.json();
};
const enc = encodeURIComponent;

function follow(url, onItem) {
  // the same feed: keep the stream (reopening it would lose what is published meanwhile)
  if (source && source.url === new URL(url, location.href).href && source.readyState !== EventSource.CLOSED) return;
  if (source) source.close();
  // not live until this stream is open (the last one's state says nothing of it)
  liveState.textContent = 'connecting';
  liveState.className = 'live-state';
  source = new EventSource(url);
  source.onopen = () => { liveState.textContent = 'live'; liveState.className = 'live-state on'; };
  source.onerror = () => { liveState.textContent = 'reconnecting'; liveState.className = 'live-state'; };
  for (const type of ['goal', 'penalty_missed', 'card', 'substitution', 'shootout_kick', 'status', 'table', 'milestone'])
    source.addEventListener(type, (e) => onItem(JSON.parse(e.data)));
}

// ---- the tournament view ----
function groupTable(g) {
  const rows = g.table.map((r) => `<tr class="${r.through ? 'through' : ''}"><td>${r.position}</td>
    <td>${esc(r.team)}</td><td>${r.played}</td><td>${r.won}</td><td>${r.drawn}</td><td>${r.lost}</td>
    <td>${r.goals_for}-${r.goals_against}</td><td>${r.points}</td></tr>`).join('');
  return `<section><h2>${esc(g.group)}</h2><table><tr><th>#</th><th>team</th><th>P</th><th>W</th>
    <th>D</th><th>L</th><th>goals</th><th>pts</th></tr>${rows}</table></section>`;
}

function bracket(b) {
  const rounds = (b.rounds || []).map((r) => `<div class="round"><h2>${esc(r.round)}</h2>${r.matches.map((m) =>
    `<div class="tie" data-match="${m.match_id ?? ''}"><div class="${m.winner === m.home ? 'w' : ''}">${esc(m.home)} ${esc(m.score ?? '')}</div>
     <div class="${m.winner === m.away ? 'w' : ''}">${esc(m.away)} ${esc(m.score_away ?? '')}</div></div>`).join('')}</div>`).join('');
  return `<section class="wide"><h2>Bracket</h2><div>${rounds || 'no knockout rounds'}</div></section>`;
}

async function tournament(comp, edition) {
  const mine = ++renders;
  if (!view.querySelector('section')) view.innerHTML = '<p>Loading…</p>';
  const [st, br, sc] = await Promise.all([
    api(`/api/standings/${enc(comp)}/${enc(edition)}`).catch(() => ({ groups: [] })),
    api(`/api/bracket/${enc(comp)}/${enc(edition)}`).catch(() => ({ rounds: [] })),
    api(`/api/scorers?tournament=${enc(comp)}&from=${enc(edition)}-01-01&until=${enc(edition)}-12-31&top=10`).catch(() => ({ scorers: [] })),
  ]);
  if (mine !== renders) return;
  const scorers = `<section><h2>Scorers</h2><table><tr><th>#</th><th>player</th><th>team</th><th>goals</th></tr>${
    (sc.scorers || []).map((s) => `<tr><td>${s.rank}</td><td>${esc(s.player)}</td><td>${esc(s.team)}</td><td>${s.goals}</td></tr>`).join('')}</table></section>`;
  view.innerHTML = (st.groups || []).map(groupTable).join('') + bracket(br) + scorers;
  view.querySelectorAll('.tie[data-match]').forEach((t) => t.addEventListener('click', () => {
    if (t.dataset.match) location.hash = `#/match/${t.dataset.match}`;
  }));
  follow(`/api/competitions/${enc(comp)}/live`, () => tournament(comp, edition));
}

// ---- the match centre ----
function shotMap(shots, home) {
  if (!shots || !shots.length) return '';
  // the home side attacks to the right, the away side to the left
  const dots = shots.map((s) => `<circle cx="${(s.team === home ? +s.x : 120 - s.x) * 4}" cy="${+s.y * 4}"
    r="${3 + 12 * Math.sqrt(+s.xg || 0)}" fill="${s.outcome === 'Goal' ? '#14365e' : 'none'}" stroke="#fff"/>`).join('');
  return `<section><h2>Shots</h2><svg viewBox="0 0 480 320" width="100%"><rect width="480" height="320" fill="#3d8c40"/>
    <line x1="240" y1="0" x2="240" y2="320" stroke="#fff"/>${dots}</svg></section>`;
}

async function match(id) {
  const mine = ++renders;
  const [m, tl, lu, sh] = await Promise.all([
    api(`/api/matches/${enc(id)}`),
    api(`/api/matches/${enc(id)}/timeline`).catch(() => ({ timeline: [] })),
    api(`/api/matches/${enc(id)}/lineups`).catch(() => null),
    api(`/api/matches/${enc(id)}/shots`).catch(() => null),
  ]);
  if (mine !== renders) return;
  // the score from the same answer as the timeline: one read, one moment
  const x = (tl && tl.match) || m.match;
  const score = x.home_score == null ? 'v' : `${x.home_score} – ${x.away_score}`;
  const items = (tl.timeline || []).filter((e) => e.type !== 'period_start').map((e) =>
    `<li><span class="min">${e.minute == null ? '' : e.minute + (e.added ? '+' + e.added : '') + "'"}</span>
     ${esc(e.type.replace(/_/g, ' '))} ${esc(e.player || '')} ${e.team ? '(' + esc(e.team) + ')' : ''}
     ${e.score ? ' ' + e.score.join('-') : ''}</li>`).join('');
  const lineups = lu && lu.teams ? lu.teams.map((t) => `<section><h2>${esc(t.team)}${t.formation ? ' · ' + esc(t.formation) : ''}</h2><ol>${
    (t.starting || []).map((p) => `<li>${esc(p.player)}</li>`).join('')}</ol></section>`).join('') : '';
  view.innerHTML = `<section class="wide"><h2>${esc(x.tournament || '')} · ${esc(x.date)}</h2>
    <div class="score" id="score">${esc(x.home)} ${score} ${esc(x.away)}</div>
    <p id="status">${esc(x.status)}</p></section>
    <section class="wide"><h2>Timeline</h2><ul class="timeline" id="timeline">${items || '<li>nothing yet</li>'}</ul></section>
    ${lineups}${shotMap(sh && sh.shots, x.home)}`;
  follow(`/api/matches/${enc(id)}/live`, () => match(id));
}

async function route() {
  try {
    const m = location.hash.match(/^#\/match\/(.+)$/);
    if (m) return await match(decodeURIComponent(m[1]));
    const c = document.getElementById('comp').value, e = document.getElementById('edition').value;
    const t = location.hash.match(/^#\/t\/([^/]+)\/(.+)$/);
    return await tournament(t ? decodeURIComponent(t[1]) : c, t ? decodeURIComponent(t[2]) : e);
  } catch (err) {
    view.innerHTML = `<section class="wide"><h2>Not found</h2><p>${esc(err.message)}</p></section>`;
  }
}

document.getElementById('pick').addEventListener('submit', (ev) => {
  ev.preventDefault();
  location.hash = `#/t/${enc(document.getElementById('comp').value)}/${enc(document.getElementById('edition').value)}`;
});
window.addEventListener('hashchange', route);
route();
