// The recipe of web/map/departements.json, the outline the map draws: the IGN Admin Express 2018
// départements (INSEE codes, the DOM at their true places, 3.7 MB) turned into the customs'
// départements for the web with mapshaper:
//   - Corse-du-Sud (2A) and Haute-Corse (2B) merged into the customs' one Corse, `20`;
//   - the DOM recoded as the customs code them (971 → 9A … 976 → 9E) and moved, scaled, into a
//     column west of the mainland (insets), so that they are seen beside it;
//   - simplified to 5 % of the points ("weighted", shapes kept), coordinates to 0.001°.
// Monaco (`99`) has no outline: the map's table lists it.
//
//   node web/map-outline.mjs ../shared/data-sources/ign-admin-express-2018/departements-avec-outre-mer.geojson
//
// The source is checked by its SHA-256 (see data/SOURCES.md); the output is committed, and a Rust test
// (crates/charts/tests/map_outline.rs) checks its codes and size.
import mapshaper from 'mapshaper';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_SHA256 = '0c331e85eef244d8014f68a4c256bb732e28776aceec53ddf849624f2eb6c163';
// Beside this recipe, in the folder index.html copies into the site (web/map/).
const OUTPUT = path.join(path.dirname(new URL(import.meta.url).pathname), 'map', 'departements.json');

/** Each DOM: its customs code, its INSEE code, the inset's centre (longitude, latitude) and scale. */
const INSETS = [
  { code: '9A', insee: '971', centre: [-8.6, 50.0], scale: 1.6 },
  { code: '9B', insee: '972', centre: [-8.6, 48.5], scale: 2.2 },
  { code: '9C', insee: '973', centre: [-8.6, 46.8], scale: 0.33 },
  { code: '9D', insee: '974', centre: [-8.6, 45.0], scale: 2.0 },
  { code: '9E', insee: '976', centre: [-8.6, 43.5], scale: 2.6 },
];

const source = process.argv[2];
if (!source) {
  console.error('usage: node web/map-outline.mjs <departements-avec-outre-mer.geojson>');
  process.exit(2);
}
const bytes = fs.readFileSync(source);
const digest = createHash('sha256').update(bytes).digest('hex');
if (digest !== SOURCE_SHA256) {
  console.error(`${source}: SHA-256 ${digest}, expected ${SOURCE_SHA256} (IGN Admin Express 2018, france-geojson 5d34ee6)`);
  process.exit(1);
}

/** The centre of a feature's bounding box. */
function centre(feature) {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (coordinates) => {
    if (typeof coordinates[0] === 'number') {
      west = Math.min(west, coordinates[0]); east = Math.max(east, coordinates[0]);
      south = Math.min(south, coordinates[1]); north = Math.max(north, coordinates[1]);
    } else coordinates.forEach(visit);
  };
  visit(feature.geometry.coordinates);
  return [(west + east) / 2, (south + north) / 2];
}

const geojson = JSON.parse(bytes.toString('utf8'));
const recode = Object.fromEntries(INSETS.map((inset) => [inset.insee, inset.code]));
const affine = INSETS.map((inset) => {
  const feature = geojson.features.find((f) => f.properties.code === inset.insee);
  const [x, y] = centre(feature);
  const shift = [inset.centre[0] - x, inset.centre[1] - y].map((d) => d.toFixed(4)).join(',');
  return `-affine where="code=='${inset.code}'" anchor=${x.toFixed(4)},${y.toFixed(4)} scale=${inset.scale} shift=${shift}`;
});

const commands = [
  '-i source.json',
  `-each "code = (code == '2A' || code == '2B') ? '20' : (${JSON.stringify(recode).replaceAll('"', "'")}[code] || code)"`,
  '-dissolve code copy-fields=nom',
  `-each "if (code == '20') nom = 'Corse'"`,
  ...affine,
  '-simplify weighted 5% keep-shapes',
  '-o output.json format=geojson precision=0.001',
].join(' ');

const output = await mapshaper.applyCommands(commands, { 'source.json': bytes.toString('utf8') });
const text = output['output.json'].toString();
fs.writeFileSync(OUTPUT, text);
const features = JSON.parse(text).features;
console.log(`${OUTPUT}: ${features.length} départements, ${Buffer.byteLength(text)} bytes`);
