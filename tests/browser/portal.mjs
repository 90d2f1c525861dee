// Drives the creator portal (API.md §8.2) in a real Chromium, as a creator would: plain Node,
// playwright-core, no test runner. `.ci/browser` builds the binary, serves the demo agency and
// runs this; by hand:
//
//   PORTAL_URL=http://127.0.0.1:8080 node tests/browser/portal.mjs
//
// Prints `ok - <step>` or `not ok - <step>: <why>` per step, then `N passed, M failed`, and exits
// non-zero when any step failed. Every locator goes by role and accessible name (the names in
// §8.2 are the contract), never by class or id. Any console error (CSP violations included),
// uncaught page error, 5xx response or request to another origin during a step fails that step.
//
// Environment: PORTAL_URL (required), SCREENSHOT_DIR (default <repo>/target/screenshots; failed
// steps leave `failed-<step>.png` there too), CHROMIUM_PATH (default /usr/bin/chromium),
// PORTAL_EMAIL / PORTAL_PASSWORD / PORTAL_CREATOR_NAME / PORTAL_STAFF_EMAIL (default: the
// demo's maya@demo.agency, Maya Chen, admin@demo.agency), STEP_TIMEOUT_MS (default 90000).
//
// It changes data (accepts and declines events, completes a task, adds, updates and archives
// goals, checks in, marks insights and notifications read, connects and disconnects social
// accounts, asks the assistant and rates its answers): run it against a fresh `serve --demo`
// database.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = (process.env.PORTAL_URL || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(BASE)) {
  console.error('PORTAL_URL must be the server\'s base URL, e.g. http://127.0.0.1:8080');
  process.exit(2);
}
const ORIGIN = new URL(BASE).origin;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = process.env.SCREENSHOT_DIR
  ? path.resolve(process.env.SCREENSHOT_DIR)
  : path.join(ROOT, 'target', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const EMAIL = process.env.PORTAL_EMAIL || 'maya@demo.agency';
const PASSWORD = process.env.PORTAL_PASSWORD || 'demo-password-2026';
const CREATOR_NAME = process.env.PORTAL_CREATOR_NAME || 'Maya Chen';
const STAFF_EMAIL = process.env.PORTAL_STAFF_EMAIL || 'admin@demo.agency';
const STEP_TIMEOUT = Number(process.env.STEP_TIMEOUT_MS || 90_000);
const RUN = Date.now().toString(36); // makes this run's goal titles, notes and questions unique

const SECTIONS = ['Goals', 'Events', 'Tasks', 'Revenue', 'Deals', 'Socials', 'Insights', 'Wellness', 'Notifications'];
const PAGES = [...SECTIONS.map((s) => s.toLowerCase()), 'assistant'];
const SHOT_PAGES = [
  ['overview', '/portal'],
  ['events', '/portal/events'],
  ['tasks', '/portal/tasks'],
  ['goals', '/portal/goals'],
  ['revenue', '/portal/revenue'],
  ['deals', '/portal/deals'],
  ['socials', '/portal/socials'],
  ['insights', '/portal/insights'],
  ['wellness', '/portal/wellness'],
  ['assistant', '/portal/assistant'],
  ['notifications', '/portal/notifications'],
];
const WIDTHS = [375, 1280];
const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

// ---------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An accessible name that begins with `s` as a whole word: 'Accept' is not 'Accepted', 'Helpful' is not 'Not helpful'. */
const named = (s) => new RegExp(`^\\s*${esc(s)}(?![\\w-])`, 'i');
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();
const url = (p) => BASE + p;
const pathOf = (page) => new URL(page.url()).pathname.replace(/\/+$/, '') || '/';

/** The first line of a Playwright error, plus what it was waiting for. */
function why(error) {
  const text = String(error?.message ?? error).replace(/\x1b\[[0-9;]*m/g, ''); // Playwright colours its call logs
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const waiting = lines.find((l) => /waiting for/.test(l) && l !== lines[0]);
  return oneLine(lines[0] + (waiting ? ` (${waiting.replace(/^- /, '')})` : ''));
}

/** Polls `fn` until it returns something truthy; navigation mid-poll is retried, not fatal. */
async function until(what, fn, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${why(last)})` : ''}`);
    }
    await sleep(200);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const button = (scope, name) => scope.getByRole('button', { name: named(name) });
/** The page of a page or locator: a `has:` filter's inner locator must be built from the page. */
const pageOf = (scope) => (typeof scope.page === 'function' ? scope.page() : scope);
const formWith = (scope, buttonName) => scope.locator('form').filter({ has: button(pageOf(scope), buttonName) });

/** Opens the closed <details> (if any) around a field, so that it can be filled. */
async function reveal(locator) {
  if (await locator.isVisible()) return;
  await locator.evaluate((el) => {
    for (let d = el.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
  });
}

/**
 * Sets the field labelled `label` inside `scope` to `value`, whatever control it is: a text or
 * number input or textarea (filled), a select (the option whose value or text starts with
 * `value`), or a group of radios (fieldset/legend or radiogroup) labelled `label`.
 */
async function setField(scope, label, value) {
  const field = scope.getByLabel(named(label)).first();
  if (await field.count()) {
    await reveal(field);
    const kind = await field.evaluate((el) => {
      if (el.matches('select')) return 'select';
      if (el.matches('input[type=radio], input[type=checkbox]')) return 'check';
      if (el.matches('input, textarea, [contenteditable]')) return 'fill';
      return 'group';
    });
    if (kind === 'fill') return field.fill(String(value));
    if (kind === 'check') return scope.getByRole('radio', { name: named(String(value)) }).first().check();
    if (kind === 'select') {
      const options = await field.evaluate((el) =>
        [...el.options].map((o) => ({ value: o.value, label: o.label || o.textContent.trim() })));
      const want = String(value).toLowerCase();
      const option = options.find((o) => o.value.toLowerCase() === want)
        ?? options.find((o) => o.label.toLowerCase().startsWith(want));
      check(option, `no option "${value}" in the ${label} select (has: ${options.map((o) => o.label).join(', ')})`);
      return field.selectOption(option.value);
    }
    return field.getByRole('radio', { name: named(String(value)) }).first().check();
  }
  const group = scope.getByRole('group', { name: named(label) })
    .or(scope.getByRole('radiogroup', { name: named(label) })).first();
  check(await group.count(), `no field or group labelled "${label}"`);
  return group.getByRole('radio', { name: named(String(value)) }).first().check();
}

// ---------------------------------------------------------------------------------------------
// Finding a record's "card" on a list page, by its name or by one of its buttons. Runs in the
// page (page.evaluate works with JavaScript disabled too). A card is the record's list item
// (li, article, tr, role=listitem/row) or else its innermost repeated ancestor; its `text` is
// what it says outside its buttons and form controls (status words, names, notes).

function inspectCards(arg) {
  const SKIP = 'script, style, template, noscript, [role=status], [role=alert], [aria-live]';
  const CONTROL = 'button, input, select, option, textarea, label, [role=button]';
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const re = (p) => p && new RegExp(p.source, p.flags);
  const buttonName = (b) => norm(b.getAttribute('aria-label') || b.textContent || b.value || b.title);
  const buttonsIn = (root) => [...root.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')];
  const contentText = (root) => {
    const out = [];
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const parent = n.parentElement;
      if (parent && !parent.closest(CONTROL) && !parent.closest('script, style, template')) out.push(n.nodeValue);
    }
    for (const el of root.querySelectorAll('[aria-label], [title]')) {
      if (!el.closest(CONTROL)) out.push(el.getAttribute('aria-label') || '', el.getAttribute('title') || '');
    }
    return norm(out.join(' '));
  };
  const cardOf = (el) => {
    const semantic = el.closest('li, article, tr, [role=listitem], [role=row], [role=article]');
    if (semantic && contentText(semantic)) return semantic;
    for (let a = el; a && a.parentElement && a !== document.body && !a.matches('main, [role=main]'); a = a.parentElement) {
      const siblings = [...a.parentElement.children].filter((c) => c.tagName === a.tagName && c.className === a.className);
      if (siblings.length >= 2 && !a.matches('form') && contentText(a)) return a;
    }
    return null;
  };
  const describe = (card) => {
    const heading = card.querySelector('h1, h2, h3, h4, h5, h6, [role=heading]')
      ?? card.querySelector('a, strong, b, dt, th');
    return {
      name: norm(heading?.textContent) || contentText(card).slice(0, 60),
      text: contentText(card),
      buttons: buttonsIn(card).map((b) => ({
        name: buttonName(b),
        pressed: b.getAttribute('aria-pressed'),
        disabled: b.disabled || b.getAttribute('aria-disabled') === 'true',
      })),
    };
  };

  const exclude = re(arg.excludeFormWith);
  const excluded = exclude
    ? [...document.querySelectorAll('form')].filter((f) => buttonsIn(f).some((b) => exclude.test(buttonName(b))))
    : [];
  const usable = (el) => !el.closest(SKIP) && !excluded.some((f) => f.contains(el));

  let anchors = [];
  if (arg.text) {
    const want = norm(arg.text).toLowerCase();
    for (const el of document.body.querySelectorAll('*')) {
      if (!usable(el)) continue;
      if (el.matches('input, textarea')) {
        if (norm(el.value).toLowerCase() === want) anchors.push(el);
      } else if (norm(el.textContent).toLowerCase().includes(want)
        && ![...el.children].some((c) => norm(c.textContent).toLowerCase().includes(want))) {
        anchors.push(el);
      }
    }
  } else {
    const pattern = re(arg.button);
    anchors = buttonsIn(document.body).filter((b) => usable(b) && pattern.test(buttonName(b)));
  }
  const cards = [];
  for (const anchor of anchors) {
    let card = cardOf(anchor);
    // A chat-style history lists the question and its answer as two items: take both.
    if (card && arg.pairWithNext && !buttonsIn(card).length && card.nextElementSibling) {
      card = { pair: [card, card.nextElementSibling] };
    }
    if (card && !cards.some((c) => c === card || (c.pair && card.pair && c.pair[0] === card.pair[0]))) cards.push(card);
  }
  const describeAny = (card) => {
    if (!card.pair) return describe(card);
    const [a, b] = card.pair.map(describe);
    return { name: a.name, text: `${a.text} ${b.text}`, buttons: [...a.buttons, ...b.buttons] };
  };
  document.querySelectorAll('[data-browser-test]').forEach((el) => el.removeAttribute('data-browser-test'));
  if (arg.mark && cards[0]) (cards[0].pair ? cards[0].pair[1] : cards[0]).setAttribute('data-browser-test', arg.mark);
  return { found: anchors.length, cards: cards.map(describeAny) };
}

const cardsNamed = (page, text, extra = {}) => page.evaluate(inspectCards, { text, ...extra });
const toPattern = (r) => ({ source: r.source, flags: r.flags });

/**
 * Picks the first record on the page that has a `buttonName` button, marks its card, and returns
 * its name and a locator for the card.
 */
async function pickCard(page, buttonName) {
  const result = await until(`a record with a "${buttonName}" button on ${pathOf(page)}`, async () => {
    const r = await page.evaluate(inspectCards, { button: toPattern(named(buttonName)), mark: 'card' });
    return r.cards.length ? r : null;
  }, 5_000).catch(async (error) => {
    const r = await page.evaluate(inspectCards, { button: toPattern(named(buttonName)) });
    if (r.found) throw new Error(`found ${r.found} "${buttonName}" button(s), but no list item around them`);
    throw error;
  });
  const card = result.cards[0];
  check(card.name, `the record with the "${buttonName}" button has no name`);
  return { name: card.name, locator: page.locator('[data-browser-test="card"]') };
}

/** Waits until a record named `name` is on the page and `test(cards)` holds; returns the cards. */
async function waitForCards(page, what, name, test, { timeout = 10_000, excludeFormWith, pairWithNext = false } = {}) {
  let seen = [];
  try {
    return await until(what, async () => {
      const r = await cardsNamed(page, name, { pairWithNext, ...(excludeFormWith ? { excludeFormWith: toPattern(excludeFormWith) } : {}) });
      seen = r.cards;
      return r.cards.length && test(r.cards) ? r.cards : null;
    }, timeout);
  } catch (error) {
    const shown = seen.length ? seen.map((c) => `"${c.text.slice(0, 160)}"`).join('; ') : `no record named "${name}"`;
    throw new Error(`${error.message}; the page shows: ${shown}`);
  }
}

const hasButton = (cards, name) => cards.some((c) => c.buttons.some((b) => named(name).test(b.name)));

/**
 * With JavaScript, an action must update the page in place: a marker set on `window` before it
 * must still be there once its effect shows. Without JavaScript, the form posts and redirects.
 */
async function action(page, act, effect) {
  const js = page.context().__js;
  const marker = `m${Math.random().toString(36).slice(2)}`;
  if (js) await page.evaluate((m) => { window.__browserTestMarker = m; }, marker);
  await act();
  const result = await effect();
  if (js) {
    const still = await page.evaluate(() => window.__browserTestMarker).catch(() => undefined);
    check(still === marker, 'with JavaScript the action reloaded the page; it should update in place');
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The session

async function signIn(page, email, password = PASSWORD) {
  await page.goto(url('/portal/login'));
  await page.getByLabel(named('Email')).fill(email);
  await page.getByLabel(named('Password')).fill(password);
  await button(page, 'Sign in').click();
}

async function signInAsCreator(page) {
  await signIn(page, EMAIL);
  await until(`the overview after signing in as ${EMAIL}`, async () => pathOf(page) === '/portal', 15_000)
    .catch(async (error) => {
      const alert = await page.getByRole('alert').first().textContent({ timeout: 500 }).catch(() => null);
      throw new Error(`${error.message}; still at ${pathOf(page)}${alert ? `, saying "${oneLine(alert)}"` : ''}`);
    });
}

/** Goes to `p` signed in, signing in first when the session is gone (an earlier step failed). */
async function open(page, p) {
  await page.goto(url(p));
  if (pathOf(page) === '/portal/login') {
    await signInAsCreator(page);
    await page.goto(url(p));
  }
  check(pathOf(page) === p, `${p} went to ${pathOf(page)}`);
}

async function signOut(page) {
  const signOutButton = button(page, 'Sign out').first();
  await signOutButton.click();
  await until('the sign-out to finish', async () =>
    pathOf(page) === '/portal/login' || !(await signOutButton.isVisible()), 10_000);
  await page.goto(url('/portal'));
  check(pathOf(page) === '/portal/login', `after signing out, /portal went to ${pathOf(page)}, not /portal/login`);
}

// ---------------------------------------------------------------------------------------------
// The steps, shared by both contexts (with and without JavaScript)

async function acceptOrDecline(page, verb) {
  const [field, fieldValue, word] = verb === 'Accept'
    ? ['Note', `Browser test note ${RUN}`, 'accepted']
    : ['Reason', `Browser test reason ${RUN}`, 'declined'];
  const status = new RegExp(`\\b${word}\\b`, 'i');
  await open(page, '/portal/events');
  const event = await pickCard(page, verb);
  const form = formWith(event.locator, verb).first();
  const input = form.getByLabel(named(field)).first();
  check(await input.count(), `the ${verb} form of "${event.name}" has no field labelled ${field}`);
  await reveal(input);
  await input.fill(fieldValue);
  await action(page, () => button(form, verb).first().click(), () =>
    waitForCards(page, `"${event.name}" to show as ${word}, without Accept or Decline buttons`, event.name,
      (cards) => cards.some((c) => status.test(c.text)) && !hasButton(cards, 'Accept') && !hasButton(cards, 'Decline')));
  return { event, fieldValue };
}

async function addGoal(page, title, { editable = false } = {}) {
  await open(page, '/portal/goals');
  const form = formWith(page, 'Add goal').first();
  check(await form.count(), 'no form with an "Add goal" button');
  await setField(form, 'Title', title);
  await setField(form, 'Type', 'content');
  await setField(form, 'Target', '12');
  await setField(form, 'Timeframe', 'This quarter');
  await action(page, () => button(form, 'Add goal').first().click(), () =>
    waitForCards(page, `the goal "${title}" to be listed${editable ? ' with Save and Archive buttons' : ''}`, title,
      (cards) => cards.length > 0 && (!editable || (hasButton(cards, 'Save') && hasButton(cards, 'Archive'))),
      { excludeFormWith: named('Add goal') }));
}

/**
 * Marks the card of the active goal to work on: the first with a Save button that this run did
 * not add (a demo goal), else the first at all. Returns its title and a locator for the card.
 */
async function pickGoal(page) {
  const exclude = toPattern(named('Add goal'));
  const r = await until(`an active goal with a "Save" button on ${pathOf(page)}`, async () => {
    const found = await page.evaluate(inspectCards, { button: toPattern(named('Save')), excludeFormWith: exclude });
    return found.cards.length ? found : null;
  }, 5_000);
  const goal = r.cards.find((c) => !/^Browser test goal\b/i.test(c.name)) ?? r.cards[0];
  check(goal.name, 'the goal with the "Save" button has no title');
  const marked = await page.evaluate(inspectCards, { text: goal.name, mark: 'card', excludeFormWith: exclude });
  check(marked.cards.length, `the goal "${goal.name}" cannot be found by its title`);
  return { name: goal.name, text: goal.text, locator: page.locator('[data-browser-test="card"]') };
}

/**
 * The heading of the section that the marked card is in: the nearest heading before it, outside
 * it, of a higher rank than the card's own heading; '' when there is none, null when no card is
 * marked.
 */
function sectionOfMarked() {
  const card = document.querySelector('[data-browser-test="card"]');
  if (!card) return null;
  const HEADING = 'h1, h2, h3, h4, h5, h6, [role=heading]';
  const level = (h) => (/^H[1-6]$/.test(h.tagName) ? Number(h.tagName[1]) : Number(h.getAttribute('aria-level') || 2));
  const own = card.querySelector(HEADING);
  const ownLevel = own ? level(own) : 7;
  let section = null;
  for (const h of document.querySelectorAll(HEADING)) {
    if (card.contains(h) || !(h.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    if (level(h) < ownLevel) section = h;
  }
  return section ? section.textContent.replace(/\s+/g, ' ').trim() : '';
}

/**
 * Presses Mark read on the first unread item of `p` (insights, notifications): it must lose its
 * Mark read button and say "read" once more than before.
 */
async function markRead(page, p) {
  await open(page, p);
  const { name } = await pickCard(page, 'Mark read');
  const unread = (cards) => cards.filter((c) => hasButton([c], 'Mark read')).length;
  const reads = (cards) => cards.reduce((n, c) => n + (c.text.match(/\bread\b/gi) || []).length, 0);
  const before = (await cardsNamed(page, name)).cards;
  const item = await pickCard(page, 'Mark read'); // again: looking the name up unmarked the card
  check(item.name === name, `the first unread item changed from "${name}" to "${item.name}"`);
  await action(page, () => button(item.locator, 'Mark read').first().click(), () =>
    waitForCards(page, `"${item.name}" to show as read, without a Mark read button`, item.name,
      (cards) => unread(cards) < unread(before) && reads(cards) > reads(before)));
  return item;
}

/** Connects `platform` as `handle` on the socials page: it must be listed, connected. */
async function connectSocial(page, platform, handle) {
  await open(page, '/portal/socials');
  const form = formWith(page, 'Connect').first();
  check(await form.count(), 'no form with a "Connect" button');
  await setField(form, 'Platform', platform);
  await setField(form, 'Handle', handle);
  const isPlatform = new RegExp(`(?<![\\w-])${esc(platform)}(?![\\w-])`, 'i');
  await action(page, () => button(form, 'Connect').first().click(), () =>
    waitForCards(page, `${platform} @${handle} to be listed as connected, with a Disconnect button`, handle,
      (cards) => cards.some((c) => isPlatform.test(c.text) && /\bconnected\b/i.test(c.text)
        && !/\bdisconnected\b/i.test(c.text) && hasButton([c], 'Disconnect')),
      { excludeFormWith: named('Connect') }));
}

/** Disconnects the account listed with `handle`: it must show as disconnected, with no Disconnect button. */
async function disconnectSocial(page, platform, handle) {
  await open(page, '/portal/socials');
  const marked = await page.evaluate(inspectCards,
    { text: handle, mark: 'card', excludeFormWith: toPattern(named('Connect')) });
  check(marked.cards.length, `${platform} @${handle} is not listed on /portal/socials`);
  const disconnect = button(page.locator('[data-browser-test="card"]'), 'Disconnect').first();
  check(await disconnect.count(), `${platform} @${handle} has no "Disconnect" button`);
  await action(page, () => disconnect.click(), () =>
    waitForCards(page, `${platform} @${handle} to show as disconnected, without a Disconnect button`, handle,
      (cards) => cards.some((c) => /\bdisconnected\b/i.test(c.text)) && !hasButton(cards, 'Disconnect'),
      { excludeFormWith: named('Connect') }));
}

/** Asks the assistant `question`: the question and an answer must be in the history. */
async function ask(page, question) {
  await open(page, '/portal/assistant');
  const form = formWith(page, 'Ask').first();
  check(await form.count(), 'no form with an "Ask" button');
  await setField(form, 'Question', question);
  await action(page, () => button(form, 'Ask').first().click(), () =>
    waitForCards(page, 'the question and an answer in the history', question,
      (cards) => cards.some((c) => c.text.length >= question.length + 20),
      { timeout: 30_000, excludeFormWith: named('Ask'), pairWithNext: true }));
}

// What an answer says once rated: "You marked this helpful" is not "You marked this not helpful".
const SAYS_RATED = String.raw`\b(?:marked|found|rated)\b(?:\s+(?:this|it|as))*\s+`;
const SAYS = {
  Helpful: new RegExp(`${SAYS_RATED}helpful\\b|\\bhelpful\\s*[✓✔]`, 'i'),
  'Not helpful': new RegExp(`${SAYS_RATED}(?:not|un)[\\s-]*helpful\\b|\\bnot helpful\\s*[✓✔]`, 'i'),
};
const THANKS = /thanks for (?:the|your) feedback/i;

/** Presses `verdict` (Helpful or Not helpful) on the answer to `question`: the answer must show it. */
async function rateAnswer(page, question, verdict) {
  if (pathOf(page) !== '/portal/assistant') await open(page, '/portal/assistant');
  const marked = await page.evaluate(inspectCards,
    { text: question, mark: 'card', excludeFormWith: toPattern(named('Ask')), pairWithNext: true });
  check(marked.cards.length, `the question "${question}" is not in the history`);
  const card = page.locator('[data-browser-test="card"]');
  for (const name of ['Helpful', 'Not helpful']) {
    check(await button(card, name).count(), `the answer has no "${name}" button`);
  }
  const other = verdict === 'Helpful' ? 'Not helpful' : 'Helpful';
  await action(page, () => button(card, verdict).first().click(), () =>
    // (A button disabled while the request is in flight proves nothing: it is not counted.)
    waitForCards(page, `the answer to show it was marked ${verdict.toLowerCase()} (${verdict} aria-pressed or gone, or words like "marked this ${verdict.toLowerCase()}")`,
      question, (cards) => cards.some((c) => {
        const b = c.buttons.find((x) => named(verdict).test(x.name));
        return (!b || b.pressed === 'true' || SAYS[verdict].test(c.text) || THANKS.test(c.text)) && !SAYS[other].test(c.text);
      }), { excludeFormWith: named('Ask'), pairWithNext: true }));
}

// ---------------------------------------------------------------------------------------------
// The runner

const results = { passed: 0, failed: 0 };
let sink = []; // the current step's browser errors
let allowed = [];

function watch(page) {
  page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location()?.url || '';
    // Chromium asks for /favicon.ico by itself when a page names no icon: not the page's error.
    if (/\/favicon\.ico$/.test(source)) return;
    const from = source && source !== page.url() ? ` (${source.startsWith(ORIGIN) ? source.slice(ORIGIN.length) : source})` : '';
    sink.push(`console error on ${safePath(page)}: ${oneLine(message.text())}${from}`);
  });
  page.on('pageerror', (error) => sink.push(`uncaught error on ${safePath(page)}: ${oneLine(error.message)}`));
  page.on('crash', () => sink.push('the page crashed'));
  page.on('request', (request) => {
    const u = new URL(request.url());
    if (/^https?:$|^wss?:$/.test(u.protocol) && u.origin !== ORIGIN) sink.push(`request to another origin: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
      page.__document = { status: response.status(), type: (response.headers()['content-type'] || '').split(';')[0] };
    }
    if (response.status() >= 500) sink.push(`${response.status()} from ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  return page;
}
function safePath(page) {
  try { return pathOf(page); } catch { return '?'; }
}

async function newPage(context) {
  const page = watch(await context.newPage());
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(20_000);
  return page;
}

let current = null; // the page to screenshot when a step fails

/** The current step's browser errors that it does not allow, counted and cut short; '' if none. */
function browserErrors() {
  const errors = sink.filter((e) => !allowed.some((re) => re.test(e)));
  if (!errors.length) return '';
  const counts = new Map();
  for (const e of errors) {
    // A CSP report is a paragraph: its first sentence names the directive and what it blocked.
    const short = e.replace(/(violates the following Content Security Policy directive '[^']*'(?:[^.]*?'[^']*')?)\..*?( \(\/[^)]*\))?$/, '$1$2');
    const cut = short.length > 240 ? `${short.slice(0, 240)}…` : short;
    counts.set(cut, (counts.get(cut) ?? 0) + 1);
  }
  const list = [...counts].map(([e, n]) => (n > 1 ? `${e} (×${n})` : e));
  return `${errors.length} browser error(s): ${list.slice(0, 4).join(' | ')}${list.length > 4 ? ` | and ${list.length - 4} more` : ''}`;
}

async function step(name, fn, { allow = [] } = {}) {
  sink = [];
  allowed = allow;
  let timer;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`step timed out after ${STEP_TIMEOUT} ms`)), STEP_TIMEOUT); }),
    ]);
    await sleep(100); // late console messages belong to this step
    const errors = browserErrors();
    if (errors) throw new Error(errors);
    results.passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    results.failed += 1;
    let where = '';
    if (current && !current.isClosed()) {
      // Where the page was, and its answer when that was not an HTML page.
      const doc = current.__document;
      const odd = doc && (doc.type !== 'text/html' || doc.status >= 400) ? `, answered ${doc.status} ${doc.type}` : '';
      const body = odd && doc.type !== 'text/html'
        ? await current.locator('body').innerText({ timeout: 1_000 }).then((t) => `: ${oneLine(t).slice(0, 120)}`).catch(() => '')
        : '';
      where = ` [at ${safePath(current)}${odd}${body}]`;
    }
    const errors = browserErrors();
    const message = why(error);
    console.log(`not ok - ${name}: ${message}${where}${errors && !message.includes('browser error') ? `; ${errors}` : ''}`);
    if (current && !current.isClosed()) {
      const file = path.join(SHOTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60)}.png`);
      await current.screenshot({ path: file, fullPage: true, timeout: 5_000 }).catch(() => {});
    }
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  await mkdir(SHOTS, { recursive: true });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 60_000 });
  } catch (error) {
    console.log(`not ok - launch Chromium (${CHROMIUM}): ${why(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`# ${browser.version()} against ${BASE}; screenshots in ${path.relative(process.cwd(), SHOTS) || '.'}`);

  const newContext = async (js) => {
    const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1280, height: 800 } });
    context.__js = js;
    return context;
  };

  try {
    // ---- signed out (JavaScript on) -----------------------------------------------------------
    const js = await newContext(true);
    const page = current = await newPage(js);

    await step('signed out, / and every /portal page redirect to /portal/login', async () => {
      for (const p of ['/', '/portal', ...PAGES.map((s) => `/portal/${s}`)]) {
        await page.goto(url(p));
        check(pathOf(page) === '/portal/login', `${p} went to ${pathOf(page)}, not /portal/login`);
      }
      for (const label of ['Email', 'Password']) {
        check(await page.getByLabel(named(label)).count(), `the login page has no field labelled ${label}`);
      }
      check(await button(page, 'Sign in').count(), 'the login page has no "Sign in" button');
    });

    await step('a wrong password shows the form again with a role=alert message', async () => {
      await signIn(page, EMAIL, `wrong-${RUN}`);
      const alert = page.getByRole('alert').filter({ hasText: /\S/ }).first();
      await alert.waitFor({ state: 'visible' });
      check(pathOf(page) === '/portal/login', `a failed sign-in went to ${pathOf(page)}`);
      check(await page.getByLabel(named('Password')).count(), 'the form is not shown again');
      check(!(await button(page, 'Sign out').count()), 'a failed sign-in shows a Sign out button');
    }, { allow: [/status of 401\b/] });

    await step('a staff login is refused at the login page: the portal is for creators', async () => {
      await page.goto(url('/portal/login'));
      const before = new Set((await page.locator('body').innerText()).split('\n').map(oneLine));
      await page.getByLabel(named('Email')).fill(STAFF_EMAIL);
      await page.getByLabel(named('Password')).fill(PASSWORD);
      await button(page, 'Sign in').click();
      await until('a new message on the login page that the portal is for creators', async () =>
        (await page.locator('body').innerText()).split('\n').map(oneLine)
          .some((line) => !before.has(line) && /creator/i.test(line)));
      check(pathOf(page) === '/portal/login', `the staff sign-in went to ${pathOf(page)}`);
      await page.goto(url('/portal'));
      check(pathOf(page) === '/portal/login', 'after a refused staff login, /portal did not go to the login page (a session was made)');
    }, { allow: [/status of 40[13]\b/] });

    // ---- signed in, JavaScript on -------------------------------------------------------------
    await step(`sign in as ${EMAIL}: the overview names the creator and shows every section`, async () => {
      await signInAsCreator(page);
      await page.getByText(CREATOR_NAME).first().waitFor({ state: 'visible' })
        .catch(() => { throw new Error(`the overview does not show "${CREATOR_NAME}"`); });
      const missing = [];
      for (const section of SECTIONS) {
        if (!(await page.getByRole('heading', { name: named(section) }).count())) missing.push(section);
      }
      check(!missing.length, `no heading beginning with: ${missing.join(', ')}`);
      const links = await page.evaluate(() =>
        [...document.querySelectorAll('a[href]')].map((a) => new URL(a.href).pathname.replace(/\/+$/, '')));
      const unlinked = PAGES.filter((p) => !links.includes(`/portal/${p}`));
      check(!unlinked.length, `the overview has no link to: ${unlinked.map((p) => `/portal/${p}`).join(', ')}`);
      check(await button(page, 'Sign out').count(), 'the overview has no "Sign out" button');
    });

    await step('accept an event with a note: it shows as accepted', async () => {
      const { event, fieldValue } = await acceptOrDecline(page, 'Accept');
      await page.reload();
      const cards = await waitForCards(page, `"${event.name}" to still show as accepted after a reload`, event.name,
        (c) => c.some((x) => /\baccepted\b/i.test(x.text)));
      check(cards.some((c) => c.text.includes(fieldValue)), `the accepted event does not show its note "${fieldValue}"`);
    });

    await step('mark a task done: it shows as done', async () => {
      await open(page, '/portal/tasks');
      const task = await pickCard(page, 'Mark done');
      await action(page, () => button(task.locator, 'Mark done').first().click(), () =>
        waitForCards(page, `"${task.name}" to show as done, without a Mark done button`, task.name,
          (cards) => cards.some((c) => /\b(done|completed?)\b/i.test(c.text)) && !hasButton(cards, 'Mark done')));
    });

    await step('add a goal (Title, Type, Target, Timeframe): it is listed', async () => {
      const title = `Browser test goal ${RUN}`;
      await addGoal(page, title, { editable: true });
      await page.reload();
      await waitForCards(page, `the goal "${title}" to still be listed after a reload`, title, (c) => c.length > 0,
        { excludeFormWith: named('Add goal') });
    });

    let goalName;
    await step('change a goal\'s Progress (%) and Save: the new percent shows', async () => {
      await open(page, '/portal/goals');
      const goal = await pickGoal(page);
      goalName = goal.name;
      const field = goal.locator.getByLabel(named('Progress (%)')).first();
      check(await field.count(), `the goal "${goal.name}" has no field labelled Progress (%)`);
      const shows = (n) => new RegExp(`(?<![\\d.])${n}\\s*%`);
      const current = Number(await field.inputValue());
      const percent = [65, 70, 35].find((n) => n !== current && !shows(n).test(goal.text));
      await setField(goal.locator, 'Progress (%)', percent);
      const saved = (what) => waitForCards(page, `"${goal.name}" to show ${percent}%${what}`, goal.name,
        (cards) => cards.some((c) => shows(percent).test(c.text) && hasButton([c], 'Save')),
        { excludeFormWith: named('Add goal') });
      await action(page, () => button(goal.locator, 'Save').first().click(), () => saved(''));
      await page.reload();
      await saved(' after a reload');
    });

    await step('archive that goal: it moves under the Archived heading', async () => {
      await open(page, '/portal/goals');
      const name = goalName ?? (await pickGoal(page)).name;
      const marked = await page.evaluate(inspectCards,
        { text: name, mark: 'card', excludeFormWith: toPattern(named('Add goal')) });
      check(marked.cards.length, `the goal "${name}" is not listed`);
      const archive = button(page.locator('[data-browser-test="card"]'), 'Archive').first();
      check(await archive.count(), `the goal "${name}" has no "Archive" button`);
      let seen = [];
      let section = null;
      await action(page, () => archive.click(), () =>
        until(`"${name}" to be listed under the Archived heading, without Save or Archive buttons`, async () => {
          const r = await page.evaluate(inspectCards,
            { text: name, mark: 'card', excludeFormWith: toPattern(named('Add goal')) });
          seen = r.cards;
          if (r.cards.length !== 1 || hasButton(r.cards, 'Archive') || hasButton(r.cards, 'Save')) return false;
          section = await page.evaluate(sectionOfMarked);
          return section !== null && named('Archived').test(section);
        }).catch((error) => {
          const shown = seen.length ? seen.map((c) => `"${c.text.slice(0, 160)}"`).join('; ') : `no goal named "${name}"`;
          throw new Error(`${error.message}; the page shows: ${shown}${section ? ` under the heading "${section}"` : ''}`);
        }));
    });

    await step('check in on wellness (Energy 4, Workload, Notes): it is recorded', async () => {
      const notes = `Browser test check-in ${RUN}`;
      await open(page, '/portal/wellness');
      const form = formWith(page, 'Check in').first();
      check(await form.count(), 'no form with a "Check in" button');
      await setField(form, 'Energy', '4');
      await setField(form, 'Workload', 'busy');
      await setField(form, 'Notes', notes);
      await action(page, () => button(form, 'Check in').first().click(), () =>
        until(`the check-in's notes "${notes}" to be shown`, async () =>
          (await cardsNamed(page, notes, { excludeFormWith: toPattern(named('Check in')) })).found > 0));
    });

    await step('the wellness chart has an accessible name', async () => {
      await open(page, '/portal/wellness');
      const chart = page.getByRole('img', { name: /\S/ }).or(page.getByRole('figure', { name: /\S/ }));
      check(await chart.count(), 'no img or figure with an accessible name (the 90-day chart)');
    });

    await step('mark an insight read: it shows as read, without Mark read', async () => {
      await markRead(page, '/portal/insights');
    });

    await step('mark a notification read: it shows as read, without Mark read', async () => {
      await markRead(page, '/portal/notifications');
    });

    await step('connect a social account (Platform YouTube, Handle mayavids): it is listed as connected', async () => {
      await connectSocial(page, 'YouTube', 'mayavids');
    });

    await step('disconnect it: it shows as disconnected', async () => {
      await disconnectSocial(page, 'YouTube', 'mayavids');
    });

    const question = `What should I focus on this week? (browser test ${RUN})`;
    await step('ask the assistant: the question and its answer are in the history', async () => {
      await ask(page, question);
    });

    await step('mark the answer helpful', async () => {
      await rateAnswer(page, question, 'Helpful');
    });

    await step('ask again and mark that answer not helpful', async () => {
      const another = `Which of my goals is closest to done? (browser test ${RUN})`;
      await ask(page, another);
      await rateAnswer(page, another, 'Not helpful');
    });

    const overflow = [];
    const unlabelled = [];
    await step('screenshots of every page at 375 and 1280 px (each page loads with Sign out)', async () => {
      const shot = async (p, file, width) => {
        await p.setViewportSize({ width, height: 800 });
        await p.screenshot({ path: path.join(SHOTS, file), fullPage: true });
        const wide = await p.evaluate(() => document.documentElement.scrollWidth);
        if (width === 375 && wide > 376) overflow.push(`${file} (${wide} px)`);
        unlabelled.push(...(await p.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
          .filter((e) => !['hidden', 'submit', 'button', 'reset', 'image'].includes(e.type))
          .filter((e) => !(e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.title))
          .map((e) => `${location.pathname} ${e.tagName.toLowerCase()}[name=${e.name}]`))));
      };
      // The login page, from a context with no session.
      const anon = await newContext(true);
      const login = await newPage(anon);
      await login.goto(url('/portal/login'));
      for (const width of WIDTHS) await shot(login, `login-${width}.png`, width);
      await anon.close();
      for (const [name, p] of SHOT_PAGES) {
        await open(page, p);
        check(await button(page, 'Sign out').count(), `${p} has no "Sign out" button`);
        for (const width of WIDTHS) await shot(page, `${name}-${width}.png`, width);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await step('every page fits 375 px without sideways scrolling', async () => {
      check(!overflow.length, `wider than 375 px: ${overflow.join(', ')}`);
    });

    await step('every form field has a label', async () => {
      const unique = [...new Set(unlabelled)];
      check(!unique.length, `no label: ${unique.slice(0, 8).join(', ')}`);
    });

    await step('sign out: /portal is the login page again', async () => {
      await open(page, '/portal');
      await signOut(page);
    });
    await js.close();

    // ---- JavaScript off: plain forms, posts and redirects -------------------------------------
    const nojs = await newContext(false);
    const plain = current = await newPage(nojs);

    await step('without JavaScript: sign in', async () => {
      await signInAsCreator(plain);
      await plain.getByText(CREATOR_NAME).first().waitFor({ state: 'visible' });
    });

    await step('without JavaScript: decline an event with a reason', async () => {
      await acceptOrDecline(plain, 'Decline');
    });

    await step('without JavaScript: add a goal', async () => {
      await addGoal(plain, `Browser test goal without JavaScript ${RUN}`);
    });

    await step('without JavaScript: mark a notification read', async () => {
      await markRead(plain, '/portal/notifications');
    });

    await step('without JavaScript: connect a social account (LinkedIn, mayachen-li)', async () => {
      await connectSocial(plain, 'LinkedIn', 'mayachen-li');
    });

    await step('without JavaScript: disconnect it', async () => {
      await disconnectSocial(plain, 'LinkedIn', 'mayachen-li');
    });

    await step('without JavaScript: sign out', async () => {
      await open(plain, '/portal');
      await signOut(plain);
    });
    await nojs.close();
  } finally {
    current = null;
    await browser.close().catch(() => {});
  }

  console.log(`${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
}

await main();
