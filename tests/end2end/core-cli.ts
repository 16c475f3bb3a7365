// The core's own answer for a state, from the `comex-view` command line on the same Arrow files:
// what the page shows must equal it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const binary = process.env.COMEX_VIEW_BIN ?? path.resolve(__dirname, '../../target/pipeline/comex-view');
const dataDir = process.env.COMEX_DATA_DIR ?? path.resolve(__dirname, '../../public/data');

/** Every block of the portrait, in its order (`Block::ALL` in the core). */
export const BLOCKS = [
  'key-points', 'partners', 'evolution', 'change-partners', 'change-goods', 'goods-import', 'goods-export', 'export-sankey',
  'totals-exportations', 'export-sankey-region', 'export-sankey-france', 'import-sankey', 'totals-importations',
  'import-sankey-region', 'import-sankey-france', 'map', 'specialisation', 'exposure', 'import-dependence',
  'export-concentration', 'tariff-exposure', 'comparison',
];

export function coreView(territory: string, view: string, options: { country?: string; product?: string; period?: string; level?: string; format?: string; measure?: string; compare?: string; theme?: string } = {}): string {
  const args = ['--data', dataDir, '--territory', territory, '--view', view, '--format', options.format ?? 'csv'];
  if (options.country) args.push('--country', options.country);
  if (options.product) args.push('--product', options.product);
  if (options.level) args.push('--level', options.level);
  if (options.period) args.push('--period', options.period);
  if (options.measure) args.push('--measure', options.measure);
  if (options.compare) args.push('--compare', options.compare);
  if (options.theme) args.push('--theme', options.theme);
  return execFileSync(binary, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Splits one `;` CSV line, honouring double quotes (labels may hold `;`). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') { fields.push(field); field = ''; }
    else field += c;
  }
  fields.push(field);
  return fields;
}

/// Node names of a Sankey CSV (`Code origine;Origine;Code destination;…`), as the chart names them.
export function sankeyNodeNames(csv: string): string[] {
  const names = new Set<string>();
  for (const line of csv.trim().split('\n').slice(1)) {
    const [source, , target] = csvFields(line);
    if (!source) continue; // the total line
    names.add(`L:${source}`);
    names.add(`R:${target}`);
  }
  return [...names].sort();
}
