// Builds the two ECharts bundles of the site (run by `cargo xtask setup`, from the repository root):
//
//   target/echarts/echarts.min.js                  web/echarts.js: loaded with the page (Trunk hashes
//                                                  it and gives it Subresource Integrity)
//   target/echarts-more/echarts-more-<hash>.js     web/echarts-more.js: loaded by the app after the
//                                                  first chart, named by its content
//
// The second bundle must not carry a second copy of ECharts' core (zrender, the models, the
// renderers' helpers): every module it would share with the first is read from the first instead.
// The first bundle ends with a registry of those modules' exports (only the ones the second one
// uses), and in the second bundle each shared module is a stub that reads its exports from that
// registry. The first bundle also carries the second one's address and SHA-384, so that the app
// loads it with Subresource Integrity: the page's trust in the first covers the second.
//
// esbuild does the bundling (its plugin API redirects the shared modules), then terser minifies each
// bundle again: its compression and name mangling take 5 KB brotli off the first bundle, which
// esbuild's minifier alone leaves (136,6 → 131,6 KB, 2026-12-03). The output depends only on the
// versions of esbuild, terser and ECharts (package-lock.json) and on the two entries.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const root = process.cwd();
const BASE_ENTRY = path.join(root, 'web/echarts.js');
const MORE_ENTRY = path.join(root, 'web/echarts-more.js');
const BASE_OUT = path.join(root, 'target/echarts/echarts.min.js');
const MORE_DIR = path.join(root, 'target/echarts-more');
// Where the page finds the second bundle (index.html copies MORE_DIR into the site under this name).
const MORE_URL_DIR = 'echarts-more';

const options = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'eof',
  logLevel: 'warning',
  write: false,
  metafile: true,
};

/** The modules that end up in a bundle (esbuild also loads modules that tree shaking drops). */
function modulesIn(result) {
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => path.resolve(root, file));
}

/** Every export name of an ES module. */
async function exportsOf(file) {
  const result = await esbuild.build({ entryPoints: [file], bundle: false, format: 'esm', write: false, metafile: true, logLevel: 'warning' });
  return Object.values(result.metafile.outputs)[0].exports;
}

/** An esbuild plugin that hands the `shared` modules to `redirect` instead of bundling them. */
function sharedModules(shared, redirect) {
  return {
    name: 'shared-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.kind === 'entry-point') return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'resolving' });
        return shared.has(resolved.path) ? redirect(resolved.path) : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'shared' }, async (args) => ({ contents: await redirect.stub(args.path), loader: 'js' }));
    },
  };
}

/** The names the second bundle imports from each shared module: an ESM build with them external. */
async function namesImported(shared) {
  const probe = await esbuild.build({
    ...options,
    minify: false,
    format: 'esm',
    entryPoints: [MORE_ENTRY],
    plugins: [sharedModules(shared, (file) => ({ path: file, external: true }))],
  });
  const names = new Map();
  const imports = /import\s*(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s*\w+)?\s*from\s*"([^"]+)"/g;
  for (const [statement, defaultName, list, from] of probe.outputFiles[0].text.matchAll(imports)) {
    const set = names.get(from) ?? new Set();
    names.set(from, set);
    if (defaultName) set.add('default');
    for (const part of (list ?? '').split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name) set.add(name);
    }
    // A namespace import reads every export.
    if (/\*\s*as/.test(statement)) for (const name of await exportsOf(from)) set.add(name);
  }
  return names;
}

const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// Modules of plain functions and constants, without state of their own: the second bundle carries
// its own copy of what it uses of them rather than read them from the first, which would then have to
// keep for it code the first screen never runs (6 KB of the first bundle, 2 KB brotli, 2026-12-03).
const COPIED = [
  'echarts/lib/component/tooltip/tooltipMarkup.js',
  'echarts/lib/label/labelLayoutHelper.js',
  'echarts/lib/util/format.js',
  'echarts/lib/util/layout.js',
  'zrender/lib/svg/helper.js',
].map((file) => path.join(root, 'node_modules', file));

const alone = (entry) => esbuild.build({ ...options, entryPoints: [entry] });
const shared = new Set(modulesIn(await alone(MORE_ENTRY)));
const inBase = new Set(modulesIn(await alone(BASE_ENTRY)));
for (const file of shared) if (!inBase.has(file) || COPIED.includes(file)) shared.delete(file);

const names = await namesImported(shared);
const registry = [...names.keys()];
const declared = new Map();
for (const file of shared) declared.set(file, await exportsOf(file));

// The second bundle: each shared module declares all its exports (esbuild binds imports before it
// drops unused code) and reads them from the registry, which holds the ones this bundle uses, by
// position (an array, so that the first bundle does not carry their names: 2 KB brotli).
const stub = (file) => {
  const index = registry.indexOf(file);
  const used = index < 0 ? [] : [...names.get(file)];
  const source = index < 0 ? '[]' : `globalThis.__echartsShared[${index}]`;
  const exported = declared.get(file).map((name) => {
    const value = used.includes(name) ? `shared[${used.indexOf(name)}]` : 'undefined';
    return name === 'default' ? `export default ${value};` : `export const ${name} = ${value};`;
  });
  return [`const shared = ${source};`, ...exported].join('\n');
};
const redirect = Object.assign((file) => ({ path: file, namespace: 'shared' }), { stub });
const more = await esbuild.build({ ...options, entryPoints: [MORE_ENTRY], plugins: [sharedModules(shared, redirect)] });
/** The bundle minified again by terser (safe transformations only; the licence comments kept). */
async function smaller(output) {
  const result = await minify(output.text, { ecma: 2020, compress: { ecma: 2020, passes: 3 }, mangle: true });
  return Buffer.from(result.code);
}

const moreBytes = await smaller(more.outputFiles[0]);
const moreName = `echarts-more-${createHash('sha256').update(moreBytes).digest('hex').slice(0, 16)}.js`;

// The first bundle: the entry, the registry, and where to find the second bundle.
const registryCode = [
  ...registry.map((file, index) => {
    const list = [...names.get(file)].map((name, at) => `${name} as m${index}_${at}`);
    return `import { ${list.join(', ')} } from ${JSON.stringify(file)};`;
  }),
  `globalThis.__echartsShared = [${registry
    .map((file, index) => `[${[...names.get(file)].map((name, at) => `m${index}_${at}`).join(', ')}]`)
    .join(',\n')}];`,
  `globalThis.echartsMore = ${JSON.stringify({ src: `${MORE_URL_DIR}/${moreName}`, integrity: sha384(moreBytes) })};`,
].join('\n');
const base = await esbuild.build({
  ...options,
  stdin: { contents: `import ${JSON.stringify(BASE_ENTRY)};\n${registryCode}\n`, resolveDir: root, sourcefile: 'echarts-with-registry.js' },
});

fs.mkdirSync(path.dirname(BASE_OUT), { recursive: true });
const baseBytes = await smaller(base.outputFiles[0]);
fs.writeFileSync(BASE_OUT, baseBytes);
fs.rmSync(MORE_DIR, { recursive: true, force: true });
fs.mkdirSync(MORE_DIR, { recursive: true });
fs.writeFileSync(path.join(MORE_DIR, moreName), moreBytes);
console.log(`ECharts: ${path.relative(root, BASE_OUT)} ${baseBytes.length} B, ` +
  `${path.relative(root, MORE_DIR)}/${moreName} ${moreBytes.length} B (${registry.length} modules shared)`);
