// Copies the NL Design System CSS (Utrecht components and design tokens) and the Noto Sans font
// from node_modules into api/assets/web/static/vendor/, where koers serves them from its binary.
// `--check` changes nothing: it fails when a vendored file differs from its npm package, so
// what is served is what package-lock.json pins.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', 'api', 'assets', 'web', 'static', 'vendor');
const files = [
  ['@utrecht/component-library-css/dist/index.css', 'utrecht-components.css'],
  ['@utrecht/component-library-css/LICENSE.md', 'utrecht-components.LICENSE.md'],
  ['@utrecht/design-tokens/dist/theme.css', 'utrecht-theme.css'],
  ['@utrecht/design-tokens/LICENSE.md', 'utrecht-theme.LICENSE.md'],
  ['@fontsource-variable/noto-sans/files/noto-sans-latin-wght-normal.woff2', 'noto-sans-latin-wght-normal.woff2'],
  ['@fontsource-variable/noto-sans/files/noto-sans-latin-ext-wght-normal.woff2', 'noto-sans-latin-ext-wght-normal.woff2'],
  ['@fontsource-variable/noto-sans/LICENSE', 'noto-sans.LICENSE'],
];

const check = process.argv.includes('--check');
let differ = 0;
mkdirSync(target, { recursive: true });
for (const [from, to] of files) {
  const source = readFileSync(join(here, 'node_modules', from));
  const dest = join(target, to);
  if (check) {
    if (!existsSync(dest) || !readFileSync(dest).equals(source)) {
      console.error(`vendored ${to} differs from node_modules/${from}: run \`npm run vendor\` in web/`);
      differ += 1;
    }
  } else {
    writeFileSync(dest, source);
    console.log(`${from} -> api/assets/web/static/vendor/${to}`);
  }
}
if (differ > 0) process.exit(1);
if (check) console.log(`vendored files match their npm packages (${files.length})`);
