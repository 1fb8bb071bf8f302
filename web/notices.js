// thirdPartyNotices is the Vite plugin that writes dist/THIRD_PARTY_NOTICES:
// for every npm package whose code the build put into dist/, its name,
// version, declared licence and licence text. tools/notices copies the file
// into the project's THIRD_PARTY_NOTICES, which the binary serves at
// /licenses, and checks each declared licence against the project's
// allow-list: the header of an entry (rule, "name version", "licence: …")
// is read by a program, so keep it in step with tools/notices/web.go.
//
// It is a few lines of our own rather than a published plugin so that the
// output depends only on the bundled packages: sorted, no dates, no
// absolute paths, the same bytes on every machine (CI rebuilds dist/ and
// compares).
import { readFileSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

const noticesFileName = 'THIRD_PARTY_NOTICES';

// licenceFile matches the names packages give their licence and NOTICE
// texts (LICENSE, LICENSE.md, License.txt, LICENSE-MIT.txt, NOTICE).
const licenceFile = /^(licen[cs]e|copying|notice)([-.][\w.-]+)?$/i;

const rule = '='.repeat(78);
const thinRule = '-'.repeat(78);

const nodeModules = `${sep}node_modules${sep}`;
const viteDir = join(import.meta.dirname, 'node_modules', 'vite');

// mitTerms stand in for the licence file of an MIT package that ships none:
// the licence asks that its permission notice travel with the code. The
// text is the template tools/notices recognises MIT by, as long as that has
// no wildcards.
const mitTerms = readFileSync(join(import.meta.dirname, '..', 'tools', 'notices', 'licences', 'MIT.txt'), 'utf8').trimEnd();
if (mitTerms.includes('<<')) {
  throw new Error('tools/notices/licences/MIT.txt has wildcards now: web/notices.js needs the plain text');
}

// thirdPartyNotices returns two Vite plugins sharing one list: `page`
// for the pages' build, which writes the file, and `worker` for the build
// of each web worker (vite.config.js's worker.plugins). Vite bundles a
// worker on its own, before the page that starts it, so the layout
// worker's packages (graphology-layout-forceatlas2, …) reach the notices
// only through the worker plugin.
export function thirdPartyNotices() {
  const packages = new Map();
  const collect = (bundle) => {
    for (const output of Object.values(bundle)) {
      if (output.type !== 'chunk') continue;
      for (const id of output.moduleIds) {
        const dir = packageDir(id);
        if (dir === null) continue;
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        packages.set(`${pkg.name}@${pkg.version}`, { dir, pkg });
      }
    }
  };
  return {
    worker: {
      name: 'dutygraph-third-party-notices-worker',
      apply: 'build',
      generateBundle(_options, bundle) {
        collect(bundle);
      },
    },
    page: {
      name: 'dutygraph-third-party-notices',
      apply: 'build',
      generateBundle(_options, bundle) {
        collect(bundle);
        const entries = [...packages.keys()].sort().map((key) => entry(packages.get(key)));
        this.emitFile({
          type: 'asset',
          fileName: noticesFileName,
          source:
            'dutygraph web pages (web/dist): the npm packages bundled into them, each with\n' +
            `its declared licence and licence text. ${entries.length} packages.\n` +
            entries.join(''),
        });
      },
    },
  };
}

// packageDir is the root of the npm package a bundled module comes from
// (the folder under its last node_modules/), or null for the project's own
// sources. Vite's virtual modules (\0vite/preload-helper.js,
// \0commonjsHelpers.js, …) are helpers Vite writes into every bundle: they
// count as Vite's.
function packageDir(id) {
  if (id.startsWith('\0')) return viteDir;
  const at = id.lastIndexOf(nodeModules);
  if (at < 0) return null;
  const rest = id.slice(at + nodeModules.length).split(sep);
  const depth = rest[0].startsWith('@') ? 2 : 1;
  return id.slice(0, at + nodeModules.length) + rest.slice(0, depth).join(sep);
}

// entry is one package's notice: the header tools/notices parses, then its
// licence and NOTICE files.
function entry({ dir, pkg }) {
  let out = `\n${rule}\n${pkg.name} ${pkg.version}\nlicence: ${declaredLicence(pkg)}\n`;
  for (const [name, text] of licenceTexts(dir, pkg)) {
    out += `${thinRule}\n${name}:\n\n${text}\n`;
  }
  return out;
}

// licenceTexts are the [file name, text] pairs to print for a package.
function licenceTexts(dir, pkg) {
  const files = readdirSync(dir)
    .filter((name) => licenceFile.test(name))
    .sort()
    .map((name) => [name, readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n').trimEnd()]);
  if (dir === viteDir) return files.map(([name, text]) => [name, viteHelperLicences(text)]);
  if (files.length > 0) return files;
  if (declaredLicence(pkg) !== 'MIT') {
    throw new Error(`${pkg.name} ${pkg.version} ships no licence file and is not MIT: write its notice by hand`);
  }
  const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
  const origin = author ? `Its author: ${author}.` : `Its source: ${repositoryURL(pkg)}.`;
  return [['(no licence file in the package)', `package.json declares MIT. ${origin} The MIT licence's terms:\n\n${mitTerms}`]];
}

// viteHelperLicences keeps, of Vite's LICENSE.md (which lists every
// dependency Vite itself bundles), the parts covering the helpers it adds
// to our bundle: Vite's own licence and @rollup/plugin-commonjs's (the
// CommonJS interop helpers).
function viteHelperLicences(text) {
  const sections = text.split(/\n(?=#{1,2} )/);
  const kept = sections.filter((s) => s.startsWith('# Vite core license') || /^## .*@rollup\/plugin-commonjs/.test(s));
  if (kept.length !== 2) {
    throw new Error("vite's LICENSE.md changed its layout: update viteHelperLicences in web/notices.js");
  }
  return kept.map((s) => s.trimEnd()).join('\n\n');
}

// declaredLicence is the SPDX expression in package.json, including the
// older forms ("license": {type}, "licenses": [{type}]) some packages use.
function declaredLicence(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license?.type) return pkg.license.type;
  if (Array.isArray(pkg.licenses)) return `(${pkg.licenses.map((l) => l.type).join(' OR ')})`;
  return 'UNKNOWN';
}

function repositoryURL(pkg) {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  return (repo || `https://www.npmjs.com/package/${pkg.name}`).replace(/^git\+/, '');
}
