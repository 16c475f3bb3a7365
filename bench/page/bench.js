// The benchmark page: the same Arrow files, the same portrait views, three engines in one page.
//   ours     — comex-core compiled to WASM (bench/engine), as the dashboard runs it;
//   DuckDB   — @duckdb/duckdb-wasm, SQL over the Arrow tables (its standard worker API);
//   Arquero  — arquero's verbs over the Arrow tables.
// Each engine computes the views from its own loaded tables; small results (at most a few hundred
// rows) are shaped into the same canonical form in JavaScript, which is part of the timed work.
// The page first checks that the three canonical results are identical, then times warm runs.
// The result is left in `window.benchResult` for bench/run.mjs (started by `cargo xtask bench`).

import * as duckdb from '@duckdb/duckdb-wasm';
import * as aq from 'arquero';
import { tableFromIPC } from 'apache-arrow';

const params = new URLSearchParams(location.search);
const DEPARTEMENT = params.get('dep') ?? '60';
const RUNS = Number(params.get('runs') ?? 30);
const WARMUP = 3;
const PARTNER = 'US'; // the exposure view's default partner (DEFAULT_EXPOSURE_PARTNER)
const NAMED = 10; // Sankey: named nodes per side (NAMED_NODES)
const FLAGGED = 5; // Sankey: flows in red (FLAGGED_LINKS)
const TOP_PARTNERS = 15; // partners chart (DEFAULT_TOP)
const OTHERS = 'autres';
const LISTED = 5; // change views: largest gains and losses listed (LISTED)
// département: the 11 views of the portrait; france: its 2 Sankeys and the exposure ranking; time: the
// évolution over every quarter of the data and the partners' and goods' change against the year before.
const WORKLOADS = ['departement', 'france', 'time'];

const log = (text) => {
  document.querySelector('#log').textContent += `${text}\n`;
};

async function fetchBytes(path) {
  const response = await fetch(`data/v1/${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// ---------------------------------------------------------------------------------------------
// Canonical form shared by the three engines. Everything is sorted here, so that engines only
// need to agree on sets and values, not on the order they return rows in.

const byValueThenCode = (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const share = (part, whole) => (whole === 0 ? null : part / whole);
const precise = (x) => (x === null ? null : Number(x.toPrecision(12)));

/**
 * Goods tree from rows {g: group code, c: CPF4 code, v}: groups ranked; a group alone holds its CPF4
 * children, ranked (the treemap drills into it), and among several none does (the model has none).
 */
function goodsTree(rows) {
  const groups = new Map();
  let total = 0;
  for (const { g, c, v } of rows) {
    if (v === 0) continue;
    total += v;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push([c, v]);
  }
  const nodes = [...groups].map(([g, children]) => [
    g,
    children.reduce((sum, [, v]) => sum + v, 0),
    groups.size === 1 ? children.sort(byValueThenCode) : [],
  ]);
  return { total, nodes: nodes.sort(byValueThenCode) };
}

/** Sankey from aggregated links {l, r, v} where unnamed nodes are already OTHERS. */
function sankeyFrom(links) {
  const side = (key) => {
    const sums = new Map();
    for (const link of links) sums.set(link[key], (sums.get(link[key]) ?? 0) + link.v);
    const named = [...sums].filter(([code]) => code !== OTHERS).sort(byValueThenCode);
    return sums.has(OTHERS) ? [...named, [OTHERS, sums.get(OTHERS)]] : named;
  };
  const sorted = links
    .map(({ l, r, v }) => [l, r, v])
    .sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let flagged = 0;
  const withFlags = sorted.map(([l, r, v]) => {
    const flag = l !== OTHERS && r !== OTHERS && flagged < FLAGGED;
    if (flag) flagged += 1;
    return [l, r, v, flag];
  });
  return {
    total: links.reduce((sum, link) => sum + link.v, 0),
    left: side('l'),
    right: side('r'),
    links: withFlags,
  };
}

function exposureRanking(rows) {
  return rows
    .filter((d) => d.total !== 0)
    .map((d) => [d.departement, d.v, d.total])
    .sort((a, b) => b[1] / b[2] - a[1] / a[2] || (a[0] < b[0] ? -1 : 1));
}

function exposure(own, ranking) {
  const position = ranking.findIndex(([code]) => code === DEPARTEMENT);
  return {
    value: own.v,
    total: own.total,
    share: precise(share(own.v, own.total)),
    rank: position < 0 ? null : position + 1,
    ranking,
  };
}

function specialisation(local, national) {
  const nationalTotal = national.reduce((sum, row) => sum + row.v, 0);
  const localTotal = local.reduce((sum, row) => sum + row.v, 0);
  const nationalValue = new Map(national.map((row) => [row.g, row.v]));
  return local
    .filter((row) => row.v !== 0)
    .map((row) => [
      row.g,
      row.v,
      precise(share(row.v, localTotal)),
      precise(share(nationalValue.get(row.g) ?? 0, nationalTotal) ?? 0),
    ])
    .sort(byValueThenCode);
}

const STRONG_SHARE = 0.5; // dependence: the first partner's share that makes a good concentrated (STRONG_SHARE)
const TOP_COUNTS = [1, 3, 5]; // concentration: the first partner countries summed (TOP_COUNTS)

/** Herfindahl-Hirschman index of values: Σ (100 × value / total)². */
function hhi(values) {
  const total = values.reduce((sum, v) => sum + v, 0);
  return total === 0 ? null : precise(values.reduce((sum, v) => sum + (100 * v / total) ** 2, 0));
}

/** A flow's concentration from cells {g, c, v} (good × partner country): the goods with their first
 *  partner, and the summary [total, value in concentrated goods, HHI, shares of the first 1, 3, 5]. */
function concentrationFrom(cells) {
  const goods = new Map();
  const countries = new Map();
  for (const { g, c, v } of cells) {
    if (v === 0) continue;
    if (!goods.has(g)) goods.set(g, new Map());
    goods.get(g).set(c, (goods.get(g).get(c) ?? 0) + v);
    countries.set(c, (countries.get(c) ?? 0) + v);
  }
  let strong = 0;
  const rows = [...goods].map(([g, byCountry]) => {
    const values = [...byCountry.values()];
    const total = values.reduce((sum, v) => sum + v, 0);
    const [first, firstValue] = [...byCountry].sort(byValueThenCode)[0];
    if (firstValue / total >= STRONG_SHARE) strong += total;
    return [g, total, first, firstValue, values.filter((v) => v !== 0).length, hhi(values)];
  });
  const values = [...countries.values()].filter((v) => v !== 0).sort((a, b) => b - a);
  const total = values.reduce((sum, v) => sum + v, 0);
  const top = TOP_COUNTS.map((count) => precise(share(values.slice(0, count).reduce((sum, v) => sum + v, 0), total)));
  return { summary: [total, strong, hhi(values), ...top], goods: rows.sort(byValueThenCode) };
}

/** The three dependence views from the cells of the département, its région and France, by flow:
 *  the import dependence and export concentration (the département's goods, the three summaries), and
 *  the département's exports to PARTNER by good [good, to the partner, all exports]. */
function dependenceFrom(cells) {
  const flow = (code) => {
    const [own, region, france] = ['dep', 'reg', 'fr'].map((t) => concentrationFrom(cells[t][code]));
    return { goods: own.goods, summaries: [own.summary, region.summary, france.summary] };
  };
  const tariff = new Map();
  for (const { g, c, v } of cells.dep.E) {
    const [toPartner, exports] = tariff.get(g) ?? [0, 0];
    tariff.set(g, [toPartner + (c === PARTNER ? v : 0), exports + v]);
  }
  return {
    importDependence: flow('I'),
    exportConcentration: flow('E'),
    tariffExposure: [...tariff]
      .filter(([, [toPartner]]) => toPartner !== 0)
      .map(([g, [toPartner, exports]]) => [g, toPartner, exports])
      .sort(byValueThenCode),
  };
}

// ---------------------------------------------------------------------------------------------
// Ours: the view models as JSON, put into the canonical form.

/** Évolution from sums {year, quarter, flow, v}: [quarter, exports, imports] in time order. */
function evolutionFrom(rows) {
  const points = new Map();
  for (const { year, quarter, flow, v } of rows) {
    const key = `${year}T${quarter}`;
    if (!points.has(key)) points.set(key, [key, 0, 0]);
    points.get(key)[flow === 'E' ? 1 : 2] += v;
  }
  return [...points.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** A change view from sums {flow, k, v} now and a year earlier: per flow, both totals, then the
 *  LISTED largest gains and losses as [code, value, earlier, change]. */
function changeFrom(now, earlier) {
  return ['E', 'I'].map((flow) => {
    const current = new Map(now.filter((r) => r.flow === flow).map((r) => [r.k, r.v]));
    const before = new Map(earlier.filter((r) => r.flow === flow).map((r) => [r.k, r.v]));
    const total = (sums) => [...sums.values()].reduce((a, b) => a + b, 0);
    const rows = [...new Set([...current.keys(), ...before.keys()])]
      .map((code) => {
        const value = current.get(code) ?? 0;
        const was = before.get(code) ?? 0;
        return [code, value, was, value - was];
      })
      .sort((a, b) => b[3] - a[3] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const gains = rows.filter((r) => r[3] > 0).slice(0, LISTED);
    const losses = rows.filter((r) => r[3] < 0).reverse().slice(0, LISTED);
    return [flow, total(current), total(before), gains, losses];
  });
}

function oursTime(views) {
  const flowCode = (flow) => (flow === 'export' ? 'E' : 'I');
  const row = (r) => [r.code, r.value, r.earlier, r.change];
  const change = (c) => c.flows.map((f) => [flowCode(f.flow), f.total, f.earlier_total, f.gains.map(row), f.losses.map(row)]);
  return {
    evolution: views.evolution.points.map((p) => [`${p.period.year}T${p.period.quarter}`, p.exports, p.imports]),
    changePartners: change(views.change_partners),
    changeGoods: change(views.change_goods),
  };
}

/** Our dependence or concentration model in the canonical form. */
function oursConcentration(model) {
  return {
    goods: model.goods.map((g) => [g.code, g.value, g.first_country, g.first_value, g.countries, precise(g.hhi)]),
    summaries: model.territories.map((t) => [t.total, t.strong_value, t.hhi === null ? null : precise(t.hhi), ...t.top_shares.map((s) => (s === null ? null : precise(s)))]),
  };
}

function oursCanonical(models) {
  const [totals, partners, goodsE, goodsI, sankeyE, sankeyI, special, expo, dependence, concentration, tariff] = models;
  const total = (t) => [t.value, t.region_value, t.france_value];
  const tree = (g) => ({
    total: g.total,
    nodes: g.nodes
      .map((n) => [n.code, n.value, n.children.map((c) => [c.code, c.value]).sort(byValueThenCode)])
      .sort(byValueThenCode),
  });
  return {
    totals: { E: total(totals.exports), I: total(totals.imports) },
    partners: {
      count: partners.country_count,
      rows: partners.rows.map((r) => [r.code, r.exports, r.imports]),
    },
    goodsExport: tree(goodsE),
    goodsImport: tree(goodsI),
    exportSankey: oursSankey(sankeyE),
    importSankey: oursSankey(sankeyI),
    specialisation: special.rows
      .map((r) => [r.code, r.value, precise(r.territory_share), precise(r.france_share)])
      .sort(byValueThenCode),
    exposure: {
      value: expo.value,
      total: expo.total,
      share: precise(expo.share),
      rank: expo.rank,
      ranking: expo.ranking.map((d) => [d.departement, d.value, d.total]),
    },
    dependence: {
      importDependence: oursConcentration(dependence),
      exportConcentration: oursConcentration(concentration),
      tariffExposure: tariff.goods.map((g) => [g.code, g.to_partner, g.exports]),
    },
  };
}

function oursSankey(s) {
  return sankeyFrom(s.links.map((link) => ({ l: s.left[link.source].code, r: s.right[link.target].code, v: link.value })));
}

function oursFrance(views) {
  return {
    exportSankey: oursSankey(views.export_sankey),
    importSankey: oursSankey(views.import_sankey),
    ranking: views.ranking.map((d) => [d.departement, d.value, d.total]),
  };
}

function checkOursFlags(s, canonical) {
  // Ours flags its own links; the canonical form recomputes the flags: both must agree.
  const flagged = s.links.filter((l) => l.flagged).map((l) => `${s.left[l.source].code}>${s.right[l.target].code}`).sort();
  const expected = canonical.links.filter((l) => l[3]).map((l) => `${l[0]}>${l[1]}`).sort();
  if (JSON.stringify(flagged) !== JSON.stringify(expected)) throw new Error('ours: flagged links differ');
}

async function loadOurs(files) {
  const engineModule = await import('./engine/comex_bench_engine.js');
  await engineModule.default();
  const engine = new engineModule.Engine(
    files.manifestText, files.products, files.countries, files.departement, files.region, files.france, files.departements,
    files.years, files.earlier,
  );
  const viewsInWasm = {
    name: 'ours, view models kept in WASM',
    departement: async () => engine.departement_portrait_in_wasm(),
    france: async () => engine.france_views_in_wasm(),
    time: async () => engine.time_views_in_wasm(),
  };
  return {
    name: 'ours (WASM)',
    viewsInWasm,
    departement: async () => oursCanonical(JSON.parse(engine.departement_portrait())),
    france: async () => oursFrance(JSON.parse(engine.france_views())),
    time: async () => oursTime(JSON.parse(engine.time_views())),
    check: () => {
      const models = JSON.parse(engine.departement_portrait());
      checkOursFlags(models[4], oursSankey(models[4]));
      checkOursFlags(models[5], oursSankey(models[5]));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// DuckDB-WASM: SQL over the Arrow tables.

async function loadDuckdb(files) {
  const worker = new Worker('duckdb/duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(new URL('duckdb/duckdb-eh.wasm', location.href).href);
  const conn = await db.connect();
  const tables = {
    dep: files.departement,
    reg: files.region,
    fr: files.france,
    deps: files.departements,
    earlier: files.earlier,
    products: files.products,
  };
  for (const [name, bytes] of Object.entries(tables)) {
    await conn.insertArrowTable(tableFromIPC(bytes), { name, create: true });
  }
  // The département's every year in one table (each file has its year and quarter columns).
  for (const [index, bytes] of files.years.entries()) {
    await conn.insertArrowTable(tableFromIPC(bytes), { name: 'years', create: index === 0 });
  }
  const rows = async (sql) =>
    (await conn.query(sql)).toArray().map((row) => {
      const plain = {};
      for (const [key, value] of Object.entries(row.toJSON())) plain[key] = typeof value === 'bigint' ? Number(value) : value;
      return plain;
    });
  const sum = (expression) => `coalesce(sum(${expression}), 0)::BIGINT`;
  const goods = (table, flow) =>
    rows(`SELECT p.a129 AS g, t.cpf4 AS c, ${sum('t.value')} AS v
          FROM ${table} t JOIN products p ON p.cpf4 = t.cpf4 WHERE t.flow = '${flow}' GROUP BY ALL`);
  const groups = (table, flow) =>
    rows(`SELECT p.a129 AS g, ${sum('t.value')} AS v
          FROM ${table} t JOIN products p ON p.cpf4 = t.cpf4 WHERE t.flow = '${flow}' GROUP BY ALL`);
  const sankey = async (table, flow) => {
    const [left, right] = flow === 'E' ? ['g', 'c'] : ['c', 'g'];
    return sankeyFrom(
      await rows(`WITH cells AS (
            SELECT p.a129 AS g, t.country AS c, sum(t.value) AS v
            FROM ${table} t JOIN products p ON p.cpf4 = t.cpf4 WHERE t.flow = '${flow}' GROUP BY ALL),
          gr AS (SELECT g, row_number() OVER (ORDER BY sum(v) DESC, g) AS r FROM cells GROUP BY g),
          cr AS (SELECT c, row_number() OVER (ORDER BY sum(v) DESC, c) AS r FROM cells GROUP BY c),
          named AS (
            SELECT CASE WHEN gr.r <= ${NAMED} THEN cells.g ELSE '${OTHERS}' END AS g,
                   CASE WHEN cr.r <= ${NAMED} THEN cells.c ELSE '${OTHERS}' END AS c, cells.v
            FROM cells JOIN gr ON gr.g = cells.g JOIN cr ON cr.c = cells.c)
        SELECT ${left} AS l, ${right} AS r, ${sum('v')} AS v FROM named GROUP BY ALL`),
    );
  };
  const cells = (table, flow) =>
    rows(`SELECT p.a129 AS g, t.country AS c, ${sum('t.value')} AS v
          FROM ${table} t JOIN products p ON p.cpf4 = t.cpf4 WHERE t.flow = '${flow}' GROUP BY ALL`);
  const dependence = async () => {
    const all = {};
    for (const table of ['dep', 'reg', 'fr']) all[table] = { E: await cells(table, 'E'), I: await cells(table, 'I') };
    return dependenceFrom(all);
  };
  const ranking = async () =>
    exposureRanking(
      await rows(`SELECT departement, ${sum(`value) FILTER (WHERE country = '${PARTNER}'`)} AS v, ${sum('value')} AS total
                  FROM deps WHERE flow = 'E' GROUP BY departement
                  ORDER BY v::DOUBLE / total DESC, departement`),
    );
  const totals = async () => {
    const found = await rows(`SELECT 'dep' AS t, flow, ${sum('value')} AS v FROM dep GROUP BY ALL
        UNION ALL SELECT 'reg', flow, ${sum('value')} FROM reg GROUP BY ALL
        UNION ALL SELECT 'fr', flow, ${sum('value')} FROM fr GROUP BY ALL`);
    const pick = (t, flow) => found.find((row) => row.t === t && row.flow === flow)?.v ?? 0;
    return { E: ['dep', 'reg', 'fr'].map((t) => pick(t, 'E')), I: ['dep', 'reg', 'fr'].map((t) => pick(t, 'I')) };
  };
  const partners = async () => {
    const found = await rows(`SELECT country, ${sum(`value) FILTER (WHERE flow = 'E'`)} AS ex,
          ${sum(`value) FILTER (WHERE flow = 'I'`)} AS im, count(*) OVER () AS n
        FROM dep GROUP BY country ORDER BY ex + im DESC, country LIMIT ${TOP_PARTNERS}`);
    return { count: found[0]?.n ?? 0, rows: found.map((r) => [r.country, r.ex, r.im]) };
  };
  return {
    name: 'DuckDB-WASM',
    departement: async () => {
      const [own] = await rows(`SELECT ${sum(`value) FILTER (WHERE country = '${PARTNER}'`)} AS v, ${sum('value')} AS total
                                FROM dep WHERE flow = 'E'`);
      return {
        totals: await totals(),
        partners: await partners(),
        goodsExport: goodsTree(await goods('dep', 'E')),
        goodsImport: goodsTree(await goods('dep', 'I')),
        exportSankey: await sankey('dep', 'E'),
        importSankey: await sankey('dep', 'I'),
        specialisation: specialisation(await groups('dep', 'E'), await groups('fr', 'E')),
        exposure: exposure(own, await ranking()),
        dependence: await dependence(),
      };
    },
    france: async () => ({
      exportSankey: await sankey('fr', 'E'),
      importSankey: await sankey('fr', 'I'),
      ranking: await ranking(),
    }),
    time: async () => {
      const byKey = (key, table) =>
        rows(`SELECT t.flow, ${key} AS k, ${sum('t.value')} AS v FROM ${table} t
              ${key.startsWith('p.') ? 'JOIN products p ON p.cpf4 = t.cpf4' : ''} GROUP BY ALL`);
      return {
        evolution: evolutionFrom(await rows(`SELECT year, quarter, flow, ${sum('value')} AS v FROM years GROUP BY ALL`)),
        changePartners: changeFrom(await byKey('t.country', 'dep'), await byKey('t.country', 'earlier')),
        changeGoods: changeFrom(await byKey('p.a129', 'dep'), await byKey('p.a129', 'earlier')),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Arquero: the same views with its verbs.

function loadArquero(files) {
  const table = (bytes) => aq.fromArrow(bytes);
  const products = table(files.products).select('cpf4', 'a129');
  const t = {
    dep: table(files.departement),
    reg: table(files.region),
    fr: table(files.france),
    deps: table(files.departements),
    earlier: table(files.earlier),
  };
  const years = files.years.map(table).reduce((all, year) => all.concat(year));
  const objects = (tbl) => tbl.objects();
  const withGroups = (name, flow) => t[name].params({ flow }).filter((d, $) => d.flow === $.flow).lookup(products, 'cpf4', 'a129');
  const goods = (name, flow) =>
    objects(withGroups(name, flow).groupby('a129', 'cpf4').rollup({ v: aq.op.sum('value') }).rename({ a129: 'g', cpf4: 'c' }));
  const groups = (name, flow) => objects(withGroups(name, flow).groupby('a129').rollup({ v: aq.op.sum('value') }).rename({ a129: 'g' }));
  const topCodes = (cells, key) =>
    cells.groupby(key).rollup({ v: aq.op.sum('v') }).orderby(aq.desc('v'), key).slice(0, NAMED).array(key);
  const sankey = (name, flow) => {
    const cells = withGroups(name, flow).groupby('a129', 'country').rollup({ v: aq.op.sum('value') });
    const named = cells
      .params({ gs: topCodes(cells, 'a129'), cs: topCodes(cells, 'country'), others: OTHERS })
      .derive({
        g: (d, $) => (aq.op.includes($.gs, d.a129) ? d.a129 : $.others),
        c: (d, $) => (aq.op.includes($.cs, d.country) ? d.country : $.others),
      });
    const [left, right] = flow === 'E' ? ['g', 'c'] : ['c', 'g'];
    return sankeyFrom(
      objects(named.groupby(left, right).rollup({ v: aq.op.sum('v') }).rename({ [left]: 'l', [right]: 'r' })),
    );
  };
  const cells = (name, flow) =>
    objects(withGroups(name, flow).groupby('a129', 'country').rollup({ v: aq.op.sum('value') }).rename({ a129: 'g', country: 'c' }));
  const dependence = () =>
    dependenceFrom(Object.fromEntries(['dep', 'reg', 'fr'].map((name) => [name, { E: cells(name, 'E'), I: cells(name, 'I') }])));
  const ranking = () =>
    exposureRanking(
      objects(
        t.deps
          .filter((d) => d.flow === 'E')
          .params({ partner: PARTNER })
          .groupby('departement')
          .rollup({ v: (d, $) => aq.op.sum(d.country === $.partner ? d.value : 0), total: aq.op.sum('value') })
          .derive({ share: (d) => d.v / d.total })
          .orderby(aq.desc('share'), 'departement'),
      ),
    );
  const flowSums = (name) => {
    const sums = objects(t[name].groupby('flow').rollup({ v: aq.op.sum('value') }));
    return (flow) => sums.find((row) => row.flow === flow)?.v ?? 0;
  };
  return {
    name: 'Arquero',
    departement: async () => {
      const sums = ['dep', 'reg', 'fr'].map(flowSums);
      const byCountry = t.dep
        .groupby('country')
        .rollup({ ex: (d) => aq.op.sum(d.flow === 'E' ? d.value : 0), im: (d) => aq.op.sum(d.flow === 'I' ? d.value : 0) })
        .derive({ both: (d) => d.ex + d.im })
        .orderby(aq.desc('both'), 'country');
      const [own] = objects(
        t.dep
          .filter((d) => d.flow === 'E')
          .params({ partner: PARTNER })
          .rollup({ v: (d, $) => aq.op.sum(d.country === $.partner ? d.value : 0), total: aq.op.sum('value') }),
      );
      return {
        totals: { E: sums.map((s) => s('E')), I: sums.map((s) => s('I')) },
        partners: { count: byCountry.numRows(), rows: objects(byCountry.slice(0, TOP_PARTNERS)).map((r) => [r.country, r.ex, r.im]) },
        goodsExport: goodsTree(goods('dep', 'E')),
        goodsImport: goodsTree(goods('dep', 'I')),
        exportSankey: sankey('dep', 'E'),
        importSankey: sankey('dep', 'I'),
        specialisation: specialisation(groups('dep', 'E'), groups('fr', 'E')),
        exposure: exposure(own, ranking()),
        dependence: dependence(),
      };
    },
    france: async () => ({ exportSankey: sankey('fr', 'E'), importSankey: sankey('fr', 'I'), ranking: ranking() }),
    time: async () => {
      const byCountry = (tbl) => objects(tbl.groupby('flow', 'country').rollup({ v: aq.op.sum('value') }).rename({ country: 'k' }));
      const byGroup = (tbl) =>
        objects(tbl.lookup(products, 'cpf4', 'a129').groupby('flow', 'a129').rollup({ v: aq.op.sum('value') }).rename({ a129: 'k' }));
      return {
        evolution: evolutionFrom(objects(years.groupby('year', 'quarter', 'flow').rollup({ v: aq.op.sum('value') }))),
        changePartners: changeFrom(byCountry(t.dep), byCountry(t.earlier)),
        changeGoods: changeFrom(byGroup(t.dep), byGroup(t.earlier)),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------

function firstDifference(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The time of one call, median of RUNS samples. The page's clock is coarse (0.1 ms without
 *  cross-origin isolation): each sample repeats the call until it lasts about SAMPLE_MS, and counts
 *  the time of one. */
const SAMPLE_MS = 5;
async function time(fn) {
  for (let i = 0; i < WARMUP; i += 1) await fn();
  // The repeat count from the fastest of a few calls: one call slowed by a garbage collection
  // would make samples of two calls, which such pauses then dominate.
  let fastest = Infinity;
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    await fn();
    fastest = Math.min(fastest, performance.now() - start);
  }
  const repeat = Math.max(1, Math.ceil(SAMPLE_MS / Math.max(fastest, 0.05)));
  const samples = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    for (let call = 0; call < repeat; call += 1) await fn();
    samples.push((performance.now() - start) / repeat);
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: RUNS, repeat };
}

async function main() {
  const manifestText = new TextDecoder().decode(await fetchBytes('manifest.json'));
  const manifest = JSON.parse(manifestText);
  const entry = manifest.territories.find((t) => t.territory === `dep:${DEPARTEMENT}`);
  if (!entry) throw new Error(`département ${DEPARTEMENT} is not in the manifest`);
  const files = {
    manifestText,
    products: await fetchBytes('codes/produits.arrow'),
    countries: await fetchBytes('codes/pays.arrow'),
    // The files the dashboard reads for a whole year (its default): each territory's year summed over
    // its quarters, and the départements' file likewise.
    departement: await fetchBytes(`dep/${DEPARTEMENT}/2024/year.arrow`),
    region: await fetchBytes(`reg/${entry.region}/2024/year.arrow`),
    france: await fetchBytes('fr/2024/year.arrow'),
    departements: await fetchBytes('fr-departements-pays/2024/year.arrow'),
    // The time views: the évolution reads the département's file by quarter of every year of the
    // data, the change views its year before summed, as the dashboard does.
    years: await Promise.all(manifest.years.map((year) => fetchBytes(`dep/${DEPARTEMENT}/${year}.arrow`))),
    earlier: await fetchBytes(`dep/${DEPARTEMENT}/2023/year.arrow`),
  };
  const engines = [];
  const loads = {};
  for (const [key, load] of [['ours', loadOurs], ['duckdb', loadDuckdb], ['arquero', loadArquero]]) {
    const start = performance.now();
    engines.push([key, await load(files)]);
    loads[key] = performance.now() - start;
    log(`${key}: loaded in ${loads[key].toFixed(1)} ms`);
  }
  engines[0][1].check();

  // Agreement: the three canonical results must be identical, for both workloads.
  const results = {};
  for (const workload of WORKLOADS) {
    const [reference, ...others] = await Promise.all(engines.map(async ([key, engine]) => [key, await engine[workload]()]));
    for (const [key, result] of others) {
      const difference = firstDifference(reference[1], result);
      if (difference) throw new Error(`${workload}: ${key} disagrees with ours at ${difference}`);
    }
    results[workload] = reference[1];
    log(`${workload}: the three engines agree`);
  }

  // Timed: ours as the dashboard uses it (view models stay in WASM, charts are built there), and ours
  // with the models sent to JavaScript as JSON and put in the canonical form, like the others' results.
  const timed = [['oursInWasm', engines[0][1].viewsInWasm], ...engines];
  const timings = {};
  for (const workload of WORKLOADS) {
    timings[workload] = {};
    for (const [key, engine] of timed) {
      timings[workload][key] = await time(engine[workload]);
      log(`${workload} ${key}: median ${timings[workload][key].median.toFixed(2)} ms`);
    }
  }
  const sankeyNodes = results.departement.exportSankey.left.length;
  return {
    departement: DEPARTEMENT,
    bytes: Object.fromEntries(
      Object.entries(files)
        .filter(([k]) => k !== 'manifestText')
        .map(([k, v]) => [k, Array.isArray(v) ? v.reduce((sum, bytes) => sum + bytes.length, 0) : v.length]),
    ),
    loads,
    timings,
    checked: {
      departementTotalExports: results.departement.totals.E[0],
      exportSankeyLeftNodes: sankeyNodes,
      rankingLength: results.france.ranking.length,
      evolutionQuarters: results.time.evolution.length,
    },
    userAgent: navigator.userAgent,
  };
}

main().then(
  (result) => {
    window.benchResult = result;
    log('done');
  },
  (error) => {
    window.benchResult = { error: String(error?.stack ?? error) };
    log(`error: ${error}`);
  },
);
