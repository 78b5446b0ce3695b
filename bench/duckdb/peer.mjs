// The DuckDB peer of bench_linkage: the same linkage, written as SQL the way
// Splink writes it, run by DuckDB on the same prepared columns
// (DIR/a_cols.csv and DIR/b_cols.csv from `bench_linkage --dir DIR`):
//
//   blocking   the union of the same nine rules, each pair once, blocks
//              over a rule's cap on side b taken in windows of near
//              neighbours, small blocks screened, then pruned;
//   levels     the same comparison levels, as CASE expressions over
//              DuckDB's jaro_winkler_similarity, damerau_levenshtein and
//              levenshtein, but for the names' learned distance
//              (src/match/namedist.c): DuckDB has no weighted edit
//              distance, so "learned <= 1" and "<= 2" are plain Levenshtein
//              <= 1 and <= 2 here, and "near" in swapped is Jaro-Winkler
//              >= 0.88 or Levenshtein <= 2. With PEER_LEARNED=1 they are
//              parley's own distance instead, a SQL macro (wdist) over the
//              costs parley learned (DIR/name_costs.json): the same levels,
//              at a few thousand distances a second (list_reduce
//              lambdas), too slow for the timing. "diminutive" joins the
//              same groups (DIR/diminutives.csv). Both files are written
//              by bench_linkage --dir;
//   u          the levels of 300,000 random pairs;
//   m          EM rule by rule over the level patterns, each iteration one
//              SQL query, leaving out the comparisons the rule fixes (its
//              columns and its windows' columns);
//   lambda     the expected matches among the candidates, iterated in SQL;
//   weights    log2 m/u per level, term frequencies on exact names;
//   links      one to one, best first, at probability 0.9 or more.
//
//   node peer.mjs DIR [THREADS]
// Prints one line: "duckdb: candidates C links L precision P recall R F1 F time T s".
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const threads = process.argv[3] || '2';
if (!dir) {
  console.error('usage: node peer.mjs DIR [THREADS]');
  process.exit(2);
}

const NAME = ['exact', 'equivalent', 'diminutive', 'swapped', 'learned1', 'learned2', 'variant', 'else'];
const DATE = ['exact', 'dm_swapped', 'one_digit', 'year_only', 'year_pm1', 'else'];
const ID = ['exact', 'transposed', 'one_edit', 'else'];
const TEXT = ['exact', 'jw94', 'jw85', 'else'];
const EXACT = ['exact', 'else'];

// name, kind levels, column, SQL of its level over a and b, tf, columns a rule on which fixes it
// The learned weighted edit distance of two name keys (namedist.c: optimal
// string alignment, costs in hundredths of an edit, the first 64 bytes),
// row by row with list_reduce; nsub and nindel look the costs up.
// The costs as one string of three digits each (a list literal would be
// built again for every call).
const learnedLevels = process.env.PEER_LEARNED === '1';
const costs = JSON.parse(readFileSync(`${dir}/name_costs.json`, 'utf8'));
const digits = (a) => a.map((c) => String(c).padStart(3, '0')).join('');
const wdistMacros = [
  `CREATE MACRO nsym(c) AS CASE WHEN c BETWEEN 'a' AND 'z' THEN ord(c) - 96 ELSE 0 END`,
  `CREATE MACRO nsub(p, q) AS CASE WHEN p = q THEN 0
    ELSE substr('${digits(costs.sub.flat())}', 3 * (27 * nsym(p) + nsym(q)) + 1, 3)::INTEGER END`,
  `CREATE MACRO nindel(p) AS substr('${digits(costs.indel)}', 3 * nsym(p) + 1, 3)::INTEGER`,
  // list_reduce wants the accumulator of the list's element type: the
  // indexes come wrapped ([[i]], [j]) to be lists like the rows.
  `CREATE MACRO wdist0(x, y) AS list_reduce(list_transform(range(1, length(x) + 1), i -> [[i]]),
    (acc, e) -> [acc[2], list_reduce(list_transform(range(1, length(y) + 1), j -> [j]),
      (row, f) -> list_append(row, least(acc[2][f[1] + 1] + nindel(x[e[1][1]]), row[f[1]] + nindel(y[f[1]]),
        acc[2][f[1]] + nsub(x[e[1][1]], y[f[1]]),
        CASE WHEN e[1][1] > 1 AND f[1] > 1 AND x[e[1][1]] = y[f[1] - 1] AND x[e[1][1] - 1] = y[f[1]]
          AND x[e[1][1]] <> x[e[1][1] - 1] THEN acc[1][f[1] - 1] + ${costs.edit} ELSE 1000000 END)),
      [acc[2][1] + nindel(x[e[1][1]])])],
    [[0], list_reduce(list_transform(range(1, length(y) + 1), j -> [j]),
      (row, f) -> list_append(row, row[f[1]] + nindel(y[f[1]])), [0])])[2][length(y) + 1]`,
  `CREATE MACRO wdist(x, y) AS wdist0(left(x, 64), left(y, 64))`,
];
const within = (x, y, edits) => (learnedLevels ? `wdist(${x}, ${y}) <= ${edits * costs.edit}`
  : `levenshtein(${x}, ${y}) <= ${edits}`);
const near = (x, y) => `(jaro_winkler_similarity(${x}, ${y}) >= 0.88 OR ${within(x, y, 2)})`;
const dim = (x, y) => `EXISTS (SELECT 1 FROM dim d1 JOIN dim d2 ON d1.grp = d2.grp
    WHERE d1.key = ${x} AND d2.key = ${y} AND ${x} <> ${y})`;
const nameLevel = (x, eq, sw, sk) => `CASE WHEN a.${x} IS NULL OR b.${x} IS NULL THEN -1
  WHEN a.${x} = b.${x} THEN 0
  WHEN a.${eq} = b.${x} OR a.${x} = b.${eq} OR a.${eq} = b.${eq} THEN 1
  ${sk ? `WHEN ${dim(`a.${x}`, `b.${x}`)} OR ${dim(`a.${eq}`, `b.${eq}`)} THEN 2` : ''}
  ${sw ? `WHEN a.${x} = b.${sw} OR a.${sw} = b.${x} OR (${near(`a.${x}`, `b.${sw}`)}
    AND ${near(`a.${sw}`, `b.${x}`)}) THEN 3` : ''}
  WHEN ${within(`a.${x}`, `b.${x}`, 1)} THEN 4
  WHEN ${within(`a.${x}`, `b.${x}`, 2)} THEN 5
  ${sk ? `WHEN a.${sk} = b.${sk} THEN 6` : ''} ELSE 7 END`;
const full = (t) => `(substr(${t}.birth, 5, 2) <> '00' AND substr(${t}.birth, 7, 2) <> '00')`;
const dateLevel = `CASE WHEN a.birth IS NULL OR b.birth IS NULL THEN -1
  WHEN a.birth = b.birth THEN 0
  WHEN ${full('a')} AND ${full('b')} AND substr(a.birth, 1, 4) = substr(b.birth, 1, 4)
    AND substr(a.birth, 5, 2) = substr(b.birth, 7, 2) AND substr(a.birth, 7, 2) = substr(b.birth, 5, 2) THEN 1
  WHEN ${full('a')} AND ${full('b')} AND damerau_levenshtein(a.birth, b.birth) <= 1 THEN 2
  WHEN NOT (${full('a')} AND ${full('b')}) AND substr(a.birth, 1, 4) = substr(b.birth, 1, 4) THEN 3
  WHEN abs(substr(a.birth, 1, 4)::INT - substr(b.birth, 1, 4)::INT) <= 1 THEN 4 ELSE 5 END`;
const idLevel = (x) => `CASE WHEN a.${x} IS NULL OR b.${x} IS NULL THEN -1
  WHEN a.${x} = b.${x} THEN 0
  WHEN length(a.${x}) = length(b.${x}) AND damerau_levenshtein(a.${x}, b.${x}) = 1
    AND levenshtein(a.${x}, b.${x}) = 2 THEN 1
  WHEN damerau_levenshtein(a.${x}, b.${x}) <= 1 THEN 2 ELSE 3 END`;
const textLevel = (x) => `CASE WHEN a.${x} IS NULL OR b.${x} IS NULL THEN -1
  WHEN a.${x} = b.${x} THEN 0
  WHEN jaro_winkler_similarity(a.${x}, b.${x}) >= 0.94 THEN 1
  WHEN jaro_winkler_similarity(a.${x}, b.${x}) >= 0.85 THEN 2 ELSE 3 END`;
const exactLevel = (x) => `CASE WHEN a.${x} IS NULL OR b.${x} IS NULL THEN -1
  WHEN a.${x} = b.${x} THEN 0 ELSE 1 END`;

const cmps = [
  { name: 'surname', levels: NAME, sql: nameLevel('surname', 'surname_eq', 'given', 'surname_skel'), tf: 'surname',
    fixed: ['surname', 'surname_eq', 'name_pair', 'surname_skel', 'skel_pair', 'skel_head'], impossible: [] },
  { name: 'given', levels: NAME, sql: nameLevel('given', 'given_eq', 'surname', 'given_skel'), tf: 'given',
    fixed: ['given', 'given_eq', 'name_pair', 'skel_pair', 'given_skel'], impossible: [] },
  { name: 'patr', levels: NAME, sql: nameLevel('patr', 'patr_eq', null, null), tf: 'patr',
    fixed: ['patr', 'patr_eq'], impossible: [2, 3, 6] },
  { name: 'birth', levels: DATE, sql: dateLevel, fixed: ['birth', 'birth_year'], impossible: [] },
  { name: 'service', levels: ID, sql: idLevel('service'), fixed: ['service'], impossible: [] },
  { name: 'unit', levels: EXACT, sql: exactLevel('unit'), fixed: ['unit'], impossible: [] },
  { name: 'place', levels: TEXT, sql: textLevel('place'), fixed: ['place'], impossible: [] },
  { name: 'sex', levels: EXACT, sql: exactLevel('sex'), fixed: ['sex'], impossible: [] },
];
// The rules of src/match/person.c: a block of more than `cap` records on
// side b is taken in windows (the block in the order of each window column,
// unknown first, then side, then row: each record of a meets the WINDOW
// records of b before it and after it that are near its value (near(),
// match_near), and those of b with its value if they are at most TIES; a
// record that knows no window column meets the whole of the other side's
// block); without windows it is skipped. A block taken whole gives the
// pairs near on one of the rule's screen columns or unknown there. Then a
// pair proposed by more than PRUNE rules fewer than the best pair of its
// record of a and of its record of b is dropped (match_opts.prune), and one
// more than BEHIND rules behind the best pair of either (.prune_behind).
const [CAP, CAP_ID, WINDOW, TIES, PRUNE, BEHIND] = [2, 4, 5, 8, 1, 3];
const WSES = 100; // a rule's window pairs are proposed as k + WSES
const rules = [
  { cols: ['skel_pair'], cap: CAP, win: ['birth', 'patr_eq'], screen: ['birth', 'patr_eq'] },
  { cols: ['surname_skel', 'birth_year'], cap: CAP, win: ['given_skel', 'birth'], screen: ['given_skel', 'birth'] },
  { cols: ['given_eq', 'patr_eq', 'birth_year'], cap: CAP, win: ['surname_skel', 'birth'], screen: ['surname_skel', 'birth'] },
  { cols: ['birth', 'given_eq'], cap: CAP, win: ['surname_skel', 'patr_eq'], screen: ['surname_skel', 'patr_eq'] },
  { cols: ['service'], cap: CAP_ID, win: [], screen: [] },
  { cols: ['birth', 'patr_eq'], cap: CAP_ID, win: [], screen: [] },
  { cols: ['given_eq', 'patr_eq', 'skel_head'], cap: CAP, win: ['surname_skel', 'birth'], screen: ['surname_skel', 'birth'] },
  // The home address's (empty in this benchmark's lists: they propose nothing).
  { cols: ['house', 'locality'], cap: CAP, win: ['surname_skel', 'given_skel'], screen: ['surname_skel', 'given_skel', 'birth'] },
  { cols: ['locality', 'surname_skel'], cap: CAP, win: ['given_skel', 'birth'], screen: ['given_skel', 'birth'] },
];
// match_near as a macro: one edit; all but the last quarter shared; one
// known only to a prefix of the other, the rest zeros; 8-digit dates with
// day and month exchanged.
const nearMacro = `CREATE MACRO near(x, y) AS x IS NOT NULL AND y IS NOT NULL AND (
  damerau_levenshtein(x, y) <= 1
  OR (least(length(x), length(y)) >= 4
    AND left(x, (3 * least(length(x), length(y)) + 3) // 4) = left(y, (3 * least(length(x), length(y)) + 3) // 4))
  OR (length(x) >= 4 AND starts_with(y, left(x, greatest(4, length(rtrim(x, '0'))))))
  OR (length(y) >= 4 AND starts_with(x, left(y, greatest(4, length(rtrim(y, '0'))))))
  OR (length(x) = 8 AND length(y) = 8 AND left(x, 4) = left(y, 4)
    AND substr(x, 5, 2) = substr(y, 7, 2) AND substr(x, 7, 2) = substr(y, 5, 2)))`;
// A rule's pairs as (l, r, k): whole blocks of at most its cap on side b,
// windows in larger ones, and the records there that know no window column.
const ruleJoin = ({ cols, cap, win, screen }, k) => {
  const key = cols.join(', ');
  const on = cols.map((c) => `x.${c} = y.${c}`).join(' AND ');
  const kept = [...new Set([...cols, ...win, ...screen])].join(', ');
  const entries = `SELECT 0 AS side, rid, ${kept} FROM a WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(' AND ')}
    UNION ALL SELECT 1, rid, ${kept} FROM b WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(' AND ')}`;
  const screened = screen.length ? ` AND (${screen.map((c) => `x.${c} IS NULL OR y.${c} IS NULL OR near(x.${c}, y.${c})`).join(' OR ')})` : '';
  const parts = [`SELECT x.rid AS l, y.rid AS r, ${k} AS k FROM e${k} x JOIN e${k} y ON ${on}
    JOIN blk${k} z ON ${cols.map((c) => `z.${c} = x.${c}`).join(' AND ')}
    WHERE x.side = 0 AND y.side = 1 AND z.nb <= ${cap}${screened}`];
  win.forEach((w, wi) => {
    const order = `PARTITION BY ${key} ORDER BY ${w} NULLS FIRST, side, rid`;
    parts.push(`SELECT x.rid, y.rid, ${k + WSES} FROM
      (SELECT *, sum(side) OVER (${order}) AS before FROM e${k}) x
      JOIN (SELECT *, sum(side) OVER (${order}) - 1 AS rank FROM e${k}) y ON ${on}
      JOIN blk${k} z ON ${cols.map((c) => `z.${c} = x.${c}`).join(' AND ')}
      LEFT JOIN (SELECT ${key}, ${w}, count(*) AS ties FROM e${k} WHERE side = 1 AND ${w} IS NOT NULL
        GROUP BY ALL) t ON ${cols.map((c) => `t.${c} = x.${c}`).join(' AND ')} AND t.${w} = x.${w}
      WHERE x.side = 0 AND y.side = 1 AND z.nb > ${cap}
        AND y.rank >= x.before - ${WINDOW}
        AND y.rank < x.before + ${WINDOW} + (CASE WHEN coalesce(t.ties, 0) <= ${TIES} THEN coalesce(t.ties, 0) ELSE 0 END)
        AND ((y.rank >= x.before AND y.rank < x.before + (CASE WHEN coalesce(t.ties, 0) <= ${TIES} THEN coalesce(t.ties, 0) ELSE 0 END))
          OR near(x.${w}, y.${w}))`);
    void wi;
  });
  if (win.length) {
    const sparse = (t) => win.map((w) => `${t}.${w} IS NULL`).join(' AND ');
    parts.push(`SELECT x.rid, y.rid, ${k + WSES} FROM e${k} x JOIN e${k} y ON ${on}
      JOIN blk${k} z ON ${cols.map((c) => `z.${c} = x.${c}`).join(' AND ')}
      WHERE x.side = 0 AND y.side = 1 AND z.nb > ${cap} AND ((${sparse('x')}) OR (${sparse('y')}))`);
  }
  return { entries, key, sql: parts.join(' UNION ALL ') };
};

const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads });
const con = await db.connect();
const run = (sql) => con.run(sql);
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();

for (const side of ['a', 'b']) {
  await run(`CREATE TABLE ${side} AS SELECT (row_number() OVER () - 1)::BIGINT AS rid, *
    FROM read_csv('${dir}/${side}_cols.csv', header = true, all_varchar = true, nullstr = '')`);
}
for (const m of wdistMacros) await run(m);
await run(nearMacro);
await run(`CREATE TABLE dim AS SELECT key, grp::INTEGER AS grp
  FROM read_csv('${dir}/diminutives.csv', header = true, all_varchar = true)`);
const [[na]] = await rows('SELECT count(*) FROM a');
const [[nb]] = await rows('SELECT count(*) FROM b');

// Blocking: the union of the rules, each pair once, with the rules that
// proposed it.
const joins = rules.map(ruleJoin);
for (let k = 0; k < rules.length; k++) {
  await run(`CREATE TABLE e${k} AS ${joins[k].entries}`);
  await run(`CREATE TABLE blk${k} AS SELECT ${joins[k].key}, count(*) FILTER (WHERE side = 1) AS nb
    FROM e${k} GROUP BY ALL`);
}
// EM sessions, as in src/match/link.c: each rule's whole blocks (r<k>), and
// each rule's windows (w<k>), which fix the windows' columns too.
const sessions = [...rules.map((rule, k) => ({ flag: `r${k}`, k, fixes: rule.cols })),
  ...rules.flatMap((rule, k) => (rule.win.length ? [{ flag: `w${k}`, k: k + WSES, fixes: [...rule.cols, ...rule.win] }] : []))];
await run(`CREATE TABLE proposed AS SELECT l, r, ${sessions.map(({ flag, k }) => `bool_or(k = ${k}) AS ${flag}`).join(', ')},
  ${sessions.map(({ k }) => `bool_or(k = ${k})::INT`).join(' + ')} AS nrules
  FROM (${joins.map((j) => j.sql).join(' UNION ALL ')}) GROUP BY l, r`);
// Pruned: a pair kept if within PRUNE rules of the best of its a or its b,
// and within BEHIND of the best of both.
await run(`CREATE TABLE cand AS SELECT p.* EXCLUDE (nrules) FROM proposed p
  JOIN (SELECT l, max(nrules) AS m FROM proposed GROUP BY l) ba USING (l)
  JOIN (SELECT r, max(nrules) AS m FROM proposed GROUP BY r) bb USING (r)
  WHERE (p.nrules + ${PRUNE} >= ba.m OR p.nrules + ${PRUNE} >= bb.m)
    AND p.nrules + ${BEHIND} >= ba.m AND p.nrules + ${BEHIND} >= bb.m`);
const [[candidates]] = await rows('SELECT count(*) FROM cand');

// Levels of every candidate pair, and which rules propose it.
const levelCols = cmps.map((c, i) => `(${c.sql})::TINYINT AS g${i}`).join(',\n');
const ruleCols = sessions.map(({ flag }) => `c.${flag}`).join(', ');
await run(`CREATE TABLE cmp AS SELECT c.l, c.r, a.surname AS v0, a.given AS v1, a.patr AS v2,
  ${levelCols}, ${ruleCols} FROM cand c JOIN a ON a.rid = c.l JOIN b ON b.rid = c.r`);

// u from random pairs.
await run('SELECT setseed(0.5)');
await run(`CREATE TABLE upairs AS SELECT floor(random() * ${na})::BIGINT AS l,
  floor(random() * ${nb})::BIGINT AS r FROM range(300000)`);
await run(`CREATE TABLE ucmp AS SELECT ${levelCols} FROM upairs c
  JOIN a ON a.rid = c.l JOIN b ON b.rid = c.r`);
const u = [];
for (let i = 0; i < cmps.length; i++) {
  const counts = new Array(cmps[i].levels.length).fill(0);
  for (const [lv, n] of await rows(`SELECT g${i}, count(*) FROM ucmp WHERE g${i} >= 0 GROUP BY 1`))
    counts[lv] = Number(n);
  const smoothed = counts.map((n) => (n > 0 ? n : 0.5));
  const sum = smoothed.reduce((x, y) => x + y, 0);
  u.push(smoothed.map((n) => n / sum));
}

// The level patterns, counted, with the rules that propose them.
await run(`CREATE TABLE pat AS SELECT ${cmps.map((_, i) => `g${i}`).join(', ')},
  ${sessions.map(({ flag }) => flag).join(', ')}, count(*)::DOUBLE AS n FROM cmp GROUP BY ALL`);

// The probability factor of comparison i under params p, as SQL.
const factor = (i, p, skip) => (skip[i] ? '1' :
  `(CASE g${i} ${p[i].map((v, k) => `WHEN ${k} THEN ${v}::DOUBLE`).join(' ')} ELSE 1::DOUBLE END)`);
const product = (p, skip) => cmps.map((_, i) => factor(i, p, skip)).join(' * ');

// EM rule by rule; each iteration one query: E-step and M-step sums.
const start = () => cmps.map((c) => c.levels.map((_, k) => (k === 0 ? 0.9 : 0.1 / (c.levels.length - 1))));
const msum = cmps.map((c) => c.levels.map(() => 0));
const wsum = cmps.map(() => 0);
let iterations = 0;
const [ruleHas] = await rows(`SELECT ${sessions.map(({ flag }) => `count(*) FILTER (WHERE ${flag})`).join(', ')} FROM pat`);
for (let k = 0; k < sessions.length; k++) {
  if (!Number(ruleHas[k])) continue; // a rule that proposes nothing teaches nothing
  const skip = cmps.map((c) => sessions[k].fixes.some((col) => c.fixed.includes(col)));
  let m = start();
  let lambda = 0.5;
  let matched = 0;
  for (let it = 0; it < 200; it++) {
    iterations++;
    const sums = cmps.flatMap((c, i) => (skip[i] ? [] : c.levels.map((_, lv) =>
      `sum(w) FILTER (WHERE g${i} = ${lv})`)));
    const dens = cmps.flatMap((c, i) => (skip[i] ? [] : [`sum(w) FILTER (WHERE g${i} >= 0)`]));
    const [row] = await rows(`WITH post AS (SELECT *, n * (${lambda}::DOUBLE * ${product(m, skip)}) /
        (${lambda}::DOUBLE * ${product(m, skip)} + ${1 - lambda}::DOUBLE * ${product(u, skip)}) AS w FROM pat WHERE ${sessions[k].flag})
      SELECT sum(w), sum(n), ${[...sums, ...dens].join(', ')} FROM post`);
    matched = Number(row[0]);
    const total = Number(row[1]);
    let change = Math.abs(matched / total - lambda);
    lambda = matched / total;
    let at = 2;
    const next = m.map((lv) => lv.slice());
    const denAt = 2 + sums.length;
    let d = 0;
    for (let i = 0; i < cmps.length; i++) {
      if (skip[i]) continue;
      const den = Number(row[denAt + d++]) || 0;
      for (let lv = 0; lv < cmps[i].levels.length; lv++) {
        const v = den > 0 ? Math.max((Number(row[at]) || 0) / den, 1e-6) : m[i][lv];
        change = Math.max(change, Math.abs(v - m[i][lv]));
        next[i][lv] = v;
        at++;
      }
    }
    m = next;
    if (change < 1e-6) break;
  }
  for (let i = 0; i < cmps.length; i++) {
    if (skip[i]) continue;
    for (let lv = 0; lv < cmps[i].levels.length; lv++) msum[i][lv] += matched * m[i][lv];
    wsum[i] += matched;
  }
}
const m = start().map((lv, i) => lv.map((v, k) => (cmps[i].impossible.includes(k) ? u[i][k]
  : wsum[i] > 0 ? msum[i][k] / wsum[i] : v)));

// lambda over all pairs: the fixed point of the expected matches.
const pairs = Number(na) * Number(nb);
let matches = Math.min(Number(na), Number(nb)) / 2 + 1;
const none = cmps.map(() => false);
for (let it = 0; it < 200; it++) {
  const lambda = Math.min(matches / pairs, 0.999);
  const [[next]] = await rows(`SELECT sum(n * (${lambda}::DOUBLE * ${product(m, none)}) /
    (${lambda}::DOUBLE * ${product(m, none)} + ${1 - lambda}::DOUBLE * ${product(u, none)})) FROM pat`);
  const done = Math.abs(Number(next) - matches) < 0.01;
  matches = Math.max(Number(next), 0.5);
  if (done) break;
}
const lambda = Math.min(matches / pairs, 0.999);

// Weights, with term frequencies on exact names; the pairs worth a look.
for (const [i, col] of [[0, 'surname'], [1, 'given'], [2, 'patr']]) {
  await run(`CREATE TABLE tf${i} AS SELECT v, count(*)::DOUBLE / sum(count(*)) OVER () AS share
    FROM (SELECT ${col} AS v FROM a UNION ALL SELECT ${col} FROM b) WHERE v IS NOT NULL GROUP BY v`);
}
const bf = (i) => `(CASE g${i} ${m[i].map((v, k) => `WHEN ${k} THEN ${Math.log2(v / u[i][k])}::DOUBLE`).join(' ')} ELSE 0::DOUBLE END)`;
const tfbf = (i) => `(CASE WHEN g${i} = 0 THEN log2(${m[i][0]}::DOUBLE / coalesce(tf${i}.share, ${u[i][0]}::DOUBLE)) ELSE ${bf(i)} END)`;
const weight = [`${Math.log2(lambda / (1 - lambda))}::DOUBLE`,
  ...cmps.map((_, i) => (i < 3 ? tfbf(i) : bf(i)))].join(' + ');
const review = Math.log2(0.3 / 0.7);
const scored = await rows(`SELECT l, r, w FROM (SELECT l, r, ${weight} AS w FROM cmp
  LEFT JOIN tf0 ON tf0.v = cmp.v0 LEFT JOIN tf1 ON tf1.v = cmp.v1 LEFT JOIN tf2 ON tf2.v = cmp.v2)
  WHERE w >= ${review} ORDER BY w DESC, l, r`);

// One to one, best first.
const link = Math.log2(0.9 / 0.1);
const takenA = new Set();
const takenB = new Set();
const links = [];
for (const [l, r, w] of scored) {
  if (takenA.has(l) || takenB.has(r)) continue;
  if (w >= link) {
    takenA.add(l);
    takenB.add(r);
    links.push([l, r]);
  }
}
const t1 = performance.now();

// Scored against the truth: the same id on both sides.
await run(`CREATE TABLE links (l BIGINT, r BIGINT)`);
const app = await con.createAppender('links');
for (const [l, r] of links) {
  app.appendBigInt(l);
  app.appendBigInt(r);
  app.endRow();
}
app.closeSync();
const [[tp]] = await rows('SELECT count(*) FROM links JOIN a ON a.rid = l JOIN b ON b.rid = r WHERE a.id = b.id');
const [[truth]] = await rows(`SELECT count(*) FROM b WHERE substr(id, 2)::BIGINT < ${na}`);
const precision = links.length ? Number(tp) / links.length : 0;
const recall = Number(truth) ? Number(tp) / Number(truth) : 0;
const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
console.log(`duckdb: candidates ${candidates} links ${links.length} precision ${precision.toFixed(4)} ` +
  `recall ${recall.toFixed(4)} F1 ${f1.toFixed(4)} time ${((t1 - t0) / 1000).toFixed(3)} s ` +
  `(EM ${iterations} iterations)`);
