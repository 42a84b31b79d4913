// End-to-end test of the web app in Debian's Chromium (never a browser download), driven by
// playwright-core: koers is started on the demo plan (status date 15 June 2026), and each page
// is checked by its content, by axe-core (WCAG 2.1 A and AA: no violations) and with the
// keyboard alone (the skip link first, then every link, field and button in order).
//
//   node e2e/run.mjs                         on a scratch SQLite database
//   DATABASE_URL=postgres://... node e2e/run.mjs   on an empty PostgreSQL database
//   KOERS_BIN (default ../target/debug/koers), SCREENSHOTS=dir (writes a PNG of each page)
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const bin = process.env.KOERS_BIN ?? join(root, 'target', 'debug', 'koers');
const axePath = join(here, '..', 'node_modules', 'axe-core', 'axe.min.js');
const failures = [];
let passed = 0;
const check = (ok, what) => {
  if (ok) passed += 1;
  else failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

/** A free port on the loopback interface. */
function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Start koers on the demo plan; resolves when it answers /healthz. */
async function startKoers(port, workdir) {
  const env = { ...process.env, RUST_LOG: 'warn' };
  const args = ['serve', '--demo', '--allow-anonymous', '--status-date', '2026-06-15', '--listen', `127.0.0.1:${port}`];
  if (!process.env.DATABASE_URL) args.push('--database-url', `sqlite://${join(workdir, 'koers.db')}?mode=rwc`);
  const child = spawn(bin, args, { cwd: workdir, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`koers exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('koers did not answer within a minute');
}

/** axe-core's violations of WCAG 2.0/2.1 A and AA on the current page. */
async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

/** Tab through the page; the elements reached in order, as "tag text". */
async function tabOrder(page, max = 200) {
  const reached = [];
  await page.evaluate(() => document.activeElement?.blur());
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const now = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return { key: el.outerHTML.slice(0, 200), label: `${el.tagName.toLowerCase()} ${(el.textContent || el.getAttribute('name') || '').trim().slice(0, 40)}` };
    });
    if (!now || (reached.length > 0 && reached[0].key === now.key)) break;
    // A date field takes a Tab per part (day, month, year): one control.
    if (reached.length > 0 && reached[reached.length - 1].key === now.key) continue;
    reached.push(now);
  }
  return reached;
}

/** Every control a keyboard user must reach: links, fields and buttons that are shown. A group
 * of radio buttons is one tab stop (its checked one; the arrow keys move within it). */
async function controls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href], button, select, input, textarea, summary')]
      .filter((el) => !el.disabled && el.getClientRects().length > 0 || el.classList.contains('koers-skip-link'))
      .filter((el) => el.type !== 'radio' || el.checked || !document.querySelector(`input[type="radio"][name="${el.name}"]:checked`))
      .map((el) => el.outerHTML.slice(0, 200)),
  );
}

const workdir = mkdtempSync(join(tmpdir(), 'koers-e2e-'));
let koers;
let browser;
try {
  const port = await freePort();
  koers = await startKoers(port, workdir);
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  // First as the page really is, under its Content-Security-Policy: everything it needs loads,
  // nothing is refused and nothing comes from outside koers.
  const strict = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  const real = await strict.newPage();
  const outside = [];
  const refused = [];
  real.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('data:')) outside.push(request.url());
  });
  real.on('console', (message) => {
    if (message.type() === 'error') refused.push(message.text());
  });
  await real.goto(`${base}/`);
  const fontOk = await real.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((f) => f.family.includes('Noto Sans Variable') && f.status === 'loaded');
  });
  check(fontOk, 'overzicht: the bundled font is loaded under the CSP');
  check(refused.length === 0, `overzicht: no errors in the console (CSP refusals, missing files)${refused.length ? `: ${refused.join('; ')}` : ''}`);
  await strict.close();

  // The pages forbid every script (CSP); the test's own axe-core is let in by bypassing it.
  const context = await browser.newContext({ bypassCSP: true, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('data:')) outside.push(request.url());
  });

  // Mijn overzicht
  await page.goto(`${base}/`);
  check((await page.locator('h1').textContent()) === 'Mijn overzicht', 'overzicht: the heading is "Mijn overzicht"');
  const lead = await page.locator('.koers-lead').textContent();
  check(lead.includes('15 juni 2026'), `overzicht: the status date in words (${lead.trim()})`);
  const attention = await page.locator('#aandacht ~ div table tbody tr').count();
  check(attention > 0, `overzicht: milestones that need attention are listed (${attention})`);
  const firstRow = await page.locator('#aandacht ~ div table tbody tr').first().textContent();
  check(firstRow.includes('Achter op schema'), 'overzicht: the gravest comes first');
  check((await page.getByText('TZ202504-057').count()) === 1, 'overzicht: the summer-recess commitment is shown');
  check((await page.getByText('het zomerreces 2026 (3 juli 2026 tot en met 31 augustus 2026)', { exact: false }).count()) === 1, 'overzicht: the next recess');
  let violations = await axeViolations(page);
  check(violations.length === 0, `overzicht: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);

  // The keyboard: the skip link first, it moves focus to the content, and every control is reached.
  await page.goto(`${base}/`);
  const order = await tabOrder(page);
  check(order[0]?.label.startsWith('a Direct naar de inhoud'), `keyboard: the skip link comes first (${order[0]?.label})`);
  const wanted = await controls(page);
  const missed = wanted.filter((html) => !order.some((r) => r.key === html));
  check(missed.length === 0, `keyboard: every control is reached (${order.length})${missed.length ? `; missed ${missed.join(' | ')}` : ''}`);
  const reachedControls = order.map((r) => r.key).filter((key) => wanted.includes(key));
  check(JSON.stringify(reachedControls) === JSON.stringify(wanted), 'keyboard: the controls are reached in reading order');
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement?.id);
  check(focused === 'inhoud', `keyboard: the skip link moves focus to the content (${focused})`);

  // The layer form, with the keyboard alone: choose Gemeenten and submit.
  await page.goto(`${base}/`);
  await page.locator('#laag').focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const chosen = page.url();
  check(chosen.endsWith('/?laag=waterschap'), `keyboard: the layer form submits (${chosen})`);
  check((await page.locator('.koers-lead').textContent()).includes('Waterschappen en de gezamenlijke mijlpalen'), 'overzicht per laag: the scope says which');
  violations = await axeViolations(page);
  check(violations.length === 0, `overzicht per laag: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);

  // Mijlpaal: from the overview's first row, with the keyboard, to that milestone's story.
  await page.goto(`${base}/`);
  const firstLink = page.locator('#aandacht ~ div table tbody tr th a').first();
  const chosenTitle = (await firstLink.textContent()).trim();
  await firstLink.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(/\/mijlpalen\/[A-Za-z0-9_-]+$/.test(page.url()), `mijlpaal: the overview links to the milestone's page (${page.url()})`);
  check((await page.locator('h1').textContent()).trim() === chosenTitle, `mijlpaal: the heading is the milestone's title (${chosenTitle})`);
  const dates = await page.locator('#data ~ div table').first().textContent();
  check(dates.includes('Gepland') && /\d+ (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/.test(dates), 'mijlpaal: the dates, in words');
  const reasons = await page.locator('#stand ~ ul li').count();
  check(reasons > 0, `mijlpaal: the computed reasons are listed (${reasons})`);
  const changes = await page.locator('.koers-change').count();
  check(changes > 0, `mijlpaal: the history lists changes (${changes})`);
  violations = await axeViolations(page);
  check(violations.length === 0, `mijlpaal: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  const milestoneOrder = await tabOrder(page);
  const milestoneControls = await controls(page);
  const milestoneMissed = milestoneControls.filter((html) => !milestoneOrder.some((r) => r.key === html));
  check(milestoneMissed.length === 0, `mijlpaal: the keyboard reaches every link (${milestoneOrder.length})${milestoneMissed.length ? `; missed ${milestoneMissed.join(' | ')}` : ''}`);
  const neighbour = page.locator('#samenhang ~ div table tbody tr th a').first();
  if ((await neighbour.count()) > 0) {
    const neighbourTitle = (await neighbour.textContent()).trim();
    await neighbour.focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    check((await page.locator('h1').textContent()).trim() === neighbourTitle, `mijlpaal: a predecessor or successor opens its own page (${neighbourTitle})`);
  }

  // Tijdlijn: every milestone in the picture and in the table, a legend, the keyboard, print.
  await page.goto(`${base}/tijdlijn`);
  check((await page.locator('h1').textContent()).trim() === 'Tijdlijn', 'tijdlijn: the heading is "Tijdlijn"');
  const drawnLinks = await page.locator('svg.koers-timeline a').count();
  const tableRows = await page.locator('#tijdlijn-tabel ~ div table tbody tr').count();
  check(drawnLinks > 0 && drawnLinks === tableRows, `tijdlijn: each milestone drawn and in the table (${drawnLinks}, ${tableRows})`);
  const arrows = await page.locator('svg.koers-timeline path[marker-end]').count();
  check(arrows > 0, `tijdlijn: dependencies are arrows (${arrows})`);
  check((await page.locator('.koers-legend li').count()) >= 10, 'tijdlijn: a legend names every mark');
  violations = await axeViolations(page);
  check(violations.length === 0, `tijdlijn: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  const timelineOrder = await tabOrder(page);
  const timelineControls = await controls(page);
  const timelineMissed = timelineControls.filter((html) => !timelineOrder.some((r) => r.key === html));
  check(timelineMissed.length === 0, `tijdlijn: the keyboard reaches every control (${timelineOrder.length})${timelineMissed.length ? `; missed ${timelineMissed.join(' | ')}` : ''}`);
  // Only what is off track, with the keyboard: tick the box and submit.
  await page.locator('input[name="stand"][value="achter"]').focus();
  await page.keyboard.press('Space');
  await page.locator('form.koers-filter button').focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(page.url().includes('stand=achter'), `tijdlijn: the filters submit from the keyboard (${page.url()})`);
  const offTrack = await page.locator('#tijdlijn-tabel ~ div table tbody tr').allTextContents();
  check(offTrack.length > 0 && offTrack.every((row) => row.includes('Achter op schema')), `tijdlijn: the filter keeps only what is off track (${offTrack.length})`);
  const drawnLink = page.locator('svg.koers-timeline a').first();
  const drawnName = (await drawnLink.getAttribute('aria-label')).split(':')[0];
  await drawnLink.focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check((await page.locator('h1').textContent()).trim() === drawnName, `tijdlijn: a milestone in the picture opens its page (${drawnName})`);
  await page.goto(`${base}/tijdlijn`);
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
  const [w, h] = box ? [Number(box[1]), Number(box[2])] : [0, 0];
  check(Math.abs(w - 1190.9) < 2 && Math.abs(h - 841.9) < 2, `tijdlijn: prints on A3 landscape (${w} x ${h} pt)`);

  // Toezeggingen: by state, with their letters; axe and the keyboard.
  await page.goto(`${base}/toezeggingen`);
  check((await page.locator('h1').textContent()).trim() === 'Toezeggingen aan de Kamer', 'toezeggingen: the heading');
  check((await page.getByText('TZ202504-057', { exact: true }).count()) === 1 && (await page.getByText('TZ202410-031', { exact: true }).count()) === 1, 'toezeggingen: both demo commitments, each once');
  check((await page.locator('#nagekomen ~ article').getByText('waarmee de toezegging is nagekomen', { exact: false }).count()) >= 1, 'toezeggingen: the fulfilled one with its letter');
  violations = await axeViolations(page);
  check(violations.length === 0, `toezeggingen: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  const commitmentOrder = await tabOrder(page);
  const commitmentControls = await controls(page);
  const commitmentMissed = commitmentControls.filter((html) => !commitmentOrder.some((r) => r.key === html));
  check(commitmentMissed.length === 0, `toezeggingen: the keyboard reaches every link (${commitmentOrder.length})${commitmentMissed.length ? `; missed ${commitmentMissed.join(' | ')}` : ''}`);

  // Rapportages: the shelf of reports (the demo plan has none yet); axe.
  await page.goto(`${base}/rapportages`);
  check((await page.locator('h1').textContent()).trim() === 'Rapportages', 'rapportages: the heading');
  check((await page.getByText('Er zijn nog geen rapportages die u kunt zien.').count()) === 1, 'rapportages: says there are none yet');
  violations = await axeViolations(page);
  check(violations.length === 0, `rapportages: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);

  // KPI's: every KPI with its chart and tables, the data sources' quality; axe and the keyboard.
  await page.goto(`${base}/kpis`);
  check((await page.locator('h1').textContent()).trim() === "KPI's", 'kpis: the heading');
  const kpiSections = await page.locator('section.koers-kpi').count();
  check(kpiSections === 11, `kpis: a section per demo KPI (${kpiSections})`);
  const charts = await page.locator('svg.koers-kpi-chart').count();
  check(charts >= 5, `kpis: charts drawn on the server (${charts})`);
  check((await page.locator('#kpi-mvoi-01 ~ div table').first().locator('tbody tr').count()) >= 2, 'kpis: MVOI-01\'s measurements as a table');
  check((await page.getByText('Rijk: laatste meting 82 % (2024). Doel 100 % in 2025. Over 2025 is nog niet gemeten. De laatste meting haalt dat doel nog niet.').count()) === 1, 'kpis: where the Rijk stands against its target');
  check((await page.getByText('2 van 5: te laag om te rapporteren').count()) >= 1, 'kpis: a data source too weak to report, marked');
  violations = await axeViolations(page);
  check(violations.length === 0, `kpis: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  const kpiOrder = await tabOrder(page, 400);
  const kpiWanted = await controls(page);
  const kpiMissed = kpiWanted.filter((html) => !kpiOrder.some((r) => r.key === html));
  check(kpiMissed.length === 0, `kpis: the keyboard reaches every control (${kpiOrder.length})${kpiMissed.length ? `; missed ${kpiMissed.join(' | ')}` : ''}`);

  // An earlier day, chosen with the date field and the keyboard: every page shows that day
  // until the reader goes back to the plan of now.
  await page.goto(`${base}/tijdlijn?laag=rijk`);
  await page.locator('#peildatum-kiezen').fill('2026-06-14');
  await page.locator('#peildatum-kiezen').focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(page.url().includes('peildatum=2026-06-14') && page.url().includes('laag=rijk'), `as-of: the date form keeps the filters (${page.url()})`);
  check((await page.locator('.koers-as-of-banner').textContent()).includes('U bekijkt het plan zoals het stond op 14 juni 2026.'), 'as-of: the banner says which day');
  check((await page.locator('.koers-lead').textContent()).includes('14 juni 2026'), 'as-of: that day is the peildatum');
  violations = await axeViolations(page);
  check(violations.length === 0, `as-of: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  await page.locator('nav[aria-label="Hoofdmenu"] a', { hasText: 'Toezeggingen' }).click();
  check(page.url().endsWith('/toezeggingen?peildatum=2026-06-14'), `as-of: the menu keeps the day (${page.url()})`);
  await page.locator('.koers-as-of-banner a').click();
  check(page.url().endsWith('/toezeggingen'), `as-of: back to the plan of now (${page.url()})`);
  check((await page.locator('.koers-as-of-banner').count()) === 0, 'as-of: no banner for the plan of now');
  await page.goto(`${base}/?peildatum=2099-01-01`);
  check((await page.locator('h1').textContent()).includes('Deze datum kan koers niet tonen'), 'as-of: a day to come is refused in Dutch');

  // What others changed: a section on the overview, in words, for the whole programme.
  await page.goto(`${base}/?laag=alle`);
  const changesText = await page.locator('#wijzigingen ~ p').first().textContent();
  check(/Wat er veranderde aan mijlpalen, in de 14 dagen tot en met \d+ \w+ \d{4}: /.test(changesText), `overzicht: what others changed says what it covers (${changesText.trim()})`);
  // The date field refused with a day to come offers the form again.
  await page.goto(`${base}/tijdlijn?laag=rijk&peildatum=2099-01-01`);
  check((await page.locator('#peildatum-kiezen').count()) === 1 && (await page.locator('input[type=hidden][name=laag]').inputValue()) === 'rijk', 'as-of: a refused day offers the date form again, with the filters');
  violations = await axeViolations(page);
  check(violations.length === 0, `as-of refused: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);

  // English, the second language: the header's link switches on the page the reader is on,
  // every page follows (its own text, not the plan's), axe finds nothing, and back to Dutch.
  await page.goto(`${base}/tijdlijn?laag=rijk`);
  await page.locator('.koers-language a').focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(page.url().endsWith('/tijdlijn?laag=rijk'), `english: the switch stays on the page (${page.url()})`);
  check((await page.locator('html').getAttribute('lang')) === 'en', 'english: the page says it is English');
  const milestoneLink = await page.locator('#tijdlijn-tabel ~ div table tbody tr th a').first().getAttribute('href');
  const englishPages = [
    ['/', 'Mijn overzicht'],
    ['/tijdlijn', 'Tijdlijn'],
    [milestoneLink, null],
    ['/kpis', "KPI's"],
    ['/toezeggingen', 'Toezeggingen aan de Kamer'],
    ['/rapportages', 'Rapportages'],
    ['/aanmelden', 'Aanmelden'],
  ];
  for (const [path, dutchHeading] of englishPages) {
    await page.goto(`${base}${path}`);
    const heading = (await page.locator('h1').textContent()).trim();
    check(dutchHeading === null || (heading.length > 0 && heading !== dutchHeading), `english ${path}: the heading is English (${heading})`);
    check((await page.locator('nav[aria-label="Main menu"] a').count()) === 5, `english ${path}: the menu is English`);
    const dutchLeft = await page.evaluate(() => {
      const own = ['Mijn overzicht', 'Tijdlijn', 'Toezeggingen', 'Rapportages', 'Aanmelden', 'Legenda', 'Peildatum', 'peildatum', ' dagen', 'over tijd', 'Op schema', 'Achter op schema'];
      // koers's own words: headings, column heads, captions, labels, buttons, terms, the menu
      // (the plan's own text, in rows and paragraphs, is Dutch as it was written).
      const text = [...document.querySelectorAll('h1, h2, h3, th[scope=col], caption, label, legend, button, nav, dt')]
        .map((el) => el.textContent).join(' | ');
      return own.filter((word) => text.includes(word));
    });
    check(dutchLeft.length === 0, `english ${path}: none of koers's Dutch words left${dutchLeft.length ? `: ${dutchLeft.join(', ')}` : ''}`);
    violations = await axeViolations(page);
    check(violations.length === 0, `english ${path}: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  }
  await page.locator('.koers-language a').click();
  check((await page.locator('html').getAttribute('lang')) === 'nl' && (await page.locator('h1').textContent()).trim() === 'Aanmelden', 'english: the link goes back to Dutch, on the same page');

  // Aanmelden: with a token, once, through the form and the keyboard; then a session; then afmelden.
  const dbArgs = process.env.DATABASE_URL ? [] : ['--database-url', `sqlite://${join(workdir, 'koers.db')}?mode=rwc`];
  const token = execFileSync(bin, ['token', 'create', '--name', 'e2e-gemeenten', '--role', 'layer-manager', '--layer', 'gemeente', ...dbArgs], { cwd: workdir, env: { ...process.env, RUST_LOG: 'error' } })
    .toString().match(/koers_[0-9a-f]{64}/)?.[0];
  check(Boolean(token), 'aanmelden: a token for the test');
  await page.goto(`${base}/aanmelden?terug=/tijdlijn`);
  violations = await axeViolations(page);
  check(violations.length === 0, `aanmelden: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  await page.locator('#token').focus();
  await page.keyboard.type(token ?? '');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(page.url().endsWith('/tijdlijn'), `aanmelden: back to the page asked for (${page.url()})`);
  check((await page.locator('.koers-viewer-name').textContent()).includes('Aangemeld als e2e-gemeenten'), 'aanmelden: the header says who is signed in');
  check((await page.locator('#laag').inputValue()) === 'gemeente', 'aanmelden: the Tijdlijn opens on the layer manager\'s own layer');
  const cookies = await context.cookies(base);
  const session = cookies.find((c) => c.name === 'koers_sessie');
  check(Boolean(session?.httpOnly) && session?.sameSite === 'Lax' && Boolean(session?.secure), `aanmelden: the session cookie is HttpOnly, SameSite=Lax and Secure (${JSON.stringify(session && { httpOnly: session.httpOnly, sameSite: session.sameSite, secure: session.secure })})`);
  await page.goto(`${base}/`);
  check((await page.locator('.koers-lead').textContent()).includes('Gemeenten en de gezamenlijke mijlpalen'), 'aanmelden: a layer manager opens on their own layer');
  violations = await axeViolations(page);
  check(violations.length === 0, `aangemeld: axe-core finds no violations${violations.length ? `: ${violations.join('; ')}` : ''}`);
  await page.locator('.koers-sign-out button').focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check((await page.locator('.koers-message').textContent()).includes('U bent afgemeld'), `afmelden: the page says so (${page.url()})`);
  await page.goto(`${base}/`);
  check((await page.locator('.koers-viewer-name').textContent()).includes('Niet aangemeld'), 'afmelden: the session has ended');

  check(outside.length === 0, `nothing is loaded from outside koers${outside.length ? `: ${outside.join(', ')}` : ''}`);

  if (process.env.SCREENSHOTS) {
    await page.goto(`${base}/`);
    await page.screenshot({ path: join(process.env.SCREENSHOTS, 'web-overview.png'), fullPage: true });
    console.log(`screenshot: ${join(process.env.SCREENSHOTS, 'web-overview.png')}`);
    await page.locator('#aandacht ~ div table tbody tr th a').first().click();
    await page.screenshot({ path: join(process.env.SCREENSHOTS, 'web-milestone.png'), fullPage: true });
    console.log(`screenshot: ${join(process.env.SCREENSHOTS, 'web-milestone.png')}`);
    await page.goto(`${base}/tijdlijn`);
    await page.screenshot({ path: join(process.env.SCREENSHOTS, 'web-timeline.png'), fullPage: true });
    await page.goto(`${base}/toezeggingen`);
    await page.screenshot({ path: join(process.env.SCREENSHOTS, 'web-commitments.png'), fullPage: true });
    await page.goto(`${base}/kpis`);
    await page.screenshot({ path: join(process.env.SCREENSHOTS, 'web-kpis.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 2200 } });
    await page.goto(`${base}/mijlpalen/TWlsZXN0b25lOjE?peildatum=2026-06-14`);
    await page.screenshot({ path: join(process.env.SCREENSHOTS, 'web-as-of.png') });
    await page.goto(`${base}/aanmelden`);
    await page.screenshot({ path: join(process.env.SCREENSHOTS, 'web-sign-in.png') });
    console.log(`screenshot: ${join(process.env.SCREENSHOTS, 'web-sign-in.png')}`);
    console.log(`screenshot: ${join(process.env.SCREENSHOTS, 'web-timeline.png')}`);
  }
} catch (error) {
  failures.push(`the test itself failed: ${error.stack ?? error}`);
  console.log(`FAIL the test itself failed: ${error.stack ?? error}`);
} finally {
  await browser?.close();
  koers?.kill();
  rmSync(workdir, { recursive: true, force: true });
}
// The line scripts/test counts, in cargo's words.
console.log(`test result: ${failures.length ? 'FAILED' : 'ok'}. ${passed} passed; ${failures.length} failed (web e2e)`);
if (failures.length > 0) process.exit(1);
