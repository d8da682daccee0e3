import {LitElement, html, css} from 'lit';
import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {api, ApiError, isNetworkError} from './api.js';
import * as outbox from './outbox.js';
import * as timer from './timer.js';
import * as push from './push.js';
import {decoded} from './routes.js';
import {getLocale, LOCALES, useLocale} from './i18n.js';
import {forgetSetup} from './session-form.js';
import {AFTER_SIGN_IN, REAUTHENTICATED} from './settings.js';
import './onboarding.js';
import './today.js';
import './history.js';
import './inbox.js';
import './trend.js';
import './checkin.js';
import './sharing.js';
import './clinician.js';
import './settings.js';

const CACHE_KEY = 'supplyline.account';
const RETRY_MS = 5000;

/**
 * The app: who is signed in (GET /api/me through the BFF; a 401 shows the sign-in page), onboarding for a new
 * parent, then Today, Trend, Well-being (check-in, insights), History, Notifications (#/inbox, #/inbox/{id} from a notification's click), Sharing and Settings (with the export). Offline, the last known account opens the app from the service worker's cache,
 * and the outbox syncs when the network returns and at every start.
 */
export class SlApp extends LitElement {
  static properties = {state: {state: true}, me: {state: true}, profile: {state: true}, view: {state: true}, online: {state: true}, item: {state: true}};
  static styles = [shared, css`
    main:focus { outline: none; }
    :host { max-width: 40rem; margin: 0 auto; padding: 0 1rem 3rem; background: #f4f8f7; min-height: 100vh; }
    header { display: flex; gap: .75rem; align-items: center; flex-wrap: wrap; padding: 1rem 0; }
    header h1 { font-size: 1.3rem; margin: 0; flex: 1; color: #2f6f62; }
    nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; flex-basis: 100%; order: 3; }
    nav a { color: #1d2b28; padding: .4rem 0; }
    nav a[aria-current="page"] { font-weight: 700; }
    .lang { background: none; color: #2f6f62; min-height: 0; padding: .25rem .5rem; }
  `];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.state = 'loading';
    this.view = this.route();
    this.online = navigator.onLine;
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', () => (this.view = this.route()));
    // a notification clicked while the app is open: the service worker asks for the screen it names
    navigator.serviceWorker?.addEventListener('message', (event) => {
      if (event.data?.type === 'sl-open' && typeof event.data.url === 'string') {
        const url = new URL(event.data.url, location.href);
        if (url.origin === location.origin) {
          location.hash = url.hash;
        }
      }
    });
    window.addEventListener('sl-signed-out', () => (this.state = 'signed-out'));
    this.addEventListener('sl-account-deleted', () => this.accountDeleted());
    window.addEventListener('online', () => {
      this.online = true;
      this.sync();
    });
    window.addEventListener('offline', () => (this.online = false));
    // the 'online' event is not always told (captive portals, flaky radio, some browsers after an offline start):
    // while something waits on the device, it is retried every few seconds, and when the app comes to the front
    setInterval(async () => {
      if (this.state === 'ready' && (await outbox.waiting()) > 0) {
        this.sync();
      }
    }, RETRY_MS);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.sync());
    this.load();
  }

  route() {
    const [, screen, item] = location.hash.match(/^#\/([a-z]+)(?:\/([^/]+))?$/) || [];
    this.item = screen === 'inbox' && item ? decoded(item) : null;
    return ['trend', 'checkin', 'history', 'inbox', 'sharing', 'settings'].includes(screen) ? screen : 'today';
  }

  async load() {
    try {
      this.me = (await api('me')).body;
      outbox.setOwner(this.me.subject);
      if (this.me.roles.includes('parent')) {
        this.profile = (await api('profile')).body;
      }
      localStorage.setItem(CACHE_KEY, JSON.stringify({me: this.me, profile: this.profile}));
      this.state = stateOf(this.me, this.profile);
      if (sessionStorage.getItem(AFTER_SIGN_IN) === 'delete-account') {
        sessionStorage.removeItem(AFTER_SIGN_IN);
        sessionStorage.setItem(REAUTHENTICATED, '1');
        location.hash = '#/settings';
      }
      this.sync();
      this.keepTimezone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        localStorage.removeItem(CACHE_KEY);
        forgetSetup();
        this.state = 'signed-out';
      } else if (isNetworkError(e) && localStorage.getItem(CACHE_KEY)) {
        ({me: this.me, profile: this.profile} = JSON.parse(localStorage.getItem(CACHE_KEY)));
        outbox.setOwner(this.me.subject);
        this.state = stateOf(this.me, this.profile);
        this.online = false;
      } else {
        this.state = 'error';
      }
    }
  }

  /**
   * Notifications keep to the user's quiet hours in the user's timezone: a user who has none yet (a clinician, or a
   * parent before their first settings) gets their profile's, else this browser's.
   */
  async keepTimezone() {
    try {
      const prefs = (await api('preferences')).body;
      if (!prefs.timezone) {
        const timezone = this.profile?.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone;
        await api('preferences', {method: 'PUT', body: {...prefs, timezone}});
      }
    } catch (e) {
      // the next start tries again; until then the notification-service uses the profile's timezone, else UTC
    }
  }

  async sync() {
    try {
      await outbox.sync();
    } catch (e) {
      // stays pending; the next start, 'online' event or retry sends it
      console.warn('Sync did not finish:', e);
    }
  }

  render() {
    return html`
      <header>
        <h1>Supplyline</h1>
        ${this.state === 'ready' ? html`<nav>
          <a href="#/" aria-current=${this.view === 'today' ? 'page' : 'false'}>${msg('Today', {id: 'today.title'})}</a>
          <a href="#/trend" id="nav-trend" aria-current=${this.view === 'trend' ? 'page' : 'false'}>${msg('Trend', {id: 'trend.title'})}</a>
          <a href="#/checkin" id="nav-checkin" aria-current=${this.view === 'checkin' ? 'page' : 'false'}>${msg('Well-being', {id: 'checkin.nav'})}</a>
          <a href="#/history" aria-current=${this.view === 'history' ? 'page' : 'false'}>${msg('History', {id: 'history.title'})}</a>
          <a href="#/inbox" id="nav-inbox" aria-current=${this.view === 'inbox' ? 'page' : 'false'}>${msg('Notifications', {id: 'inbox.title'})}</a>
          <a href="#/sharing" id="nav-sharing" aria-current=${this.view === 'sharing' ? 'page' : 'false'}>${msg('Sharing', {id: 'sharing.nav'})}</a>
          <a href="#/settings" id="nav-settings" aria-current=${this.view === 'settings' ? 'page' : 'false'}>${msg('Settings', {id: 'settings.title'})}</a>
        </nav>` : ''}
        ${!this.online ? html`<span class="badge" id="offline-badge">${msg('Offline', {id: 'app.offline'})}</span>` : ''}
        ${LOCALES.filter((l) => l !== getLocale()).map((l) => html`<button class="lang" lang=${l} @click=${() => useLocale(l, true)}>${l.toUpperCase()}</button>`)}
        ${this.me ? html`<a href="/logout" id="sign-out" class="muted" @click=${this.signOut}>${msg('Sign out', {id: 'app.signOut'})}</a>` : ''}
      </header>
      <main tabindex="-1">${this.renderMain()}</main>`;
  }

  renderMain() {
    switch (this.state) {
      case 'loading':
        return html`<p class="muted">${msg('Loading…', {id: 'app.loading'})}</p>`;
      case 'signed-out':
        return html`<section class="card" id="signed-out">
          ${new URLSearchParams(location.search).get('account') === 'deleted'
            ? html`<p role="status" id="account-deleted">${msg('Your account and everything Supplyline held about you are deleted.', {id: 'app.accountDeleted'})}</p>` : ''}
          <h2>${msg('Your supply, day by day', {id: 'app.tagline'})}</h2>
          <p>${msg('Log every pumping or nursing session, see your trend, get a reminder when it is time, and know when to ask a lactation consultant for help.', {id: 'app.pitch'})}</p>
          <p class="muted">${msg('Supplyline is not a medical device: it does not replace the advice of a health professional.', {id: 'app.notMedical'})}</p>
          <div class="row">
            <a class="button" id="sign-in" href="/login">${msg('Sign in', {id: 'app.signIn'})}</a>
            <a class="button secondary" id="sign-up" href="/login?prompt=create">${msg('Create an account', {id: 'app.signUp'})}</a>
          </div>
        </section>`;
      case 'clinician':
        return html`<sl-clinician></sl-clinician>`;
      case 'not-parent':
        return html`<section class="card"><p>${msg('This app is for parents and lactation consultants; this account is neither.', {id: 'app.notParent'})}</p></section>`;
      case 'error':
        return html`<section class="card"><p class="error" role="alert">${msg('Supplyline could not start. Reload the page in a moment.', {id: 'app.error'})}</p></section>`;
      case 'onboarding':
        return html`<sl-onboarding .profile=${this.profile} @sl-profile=${(e) => this.onboarded(e.detail)}></sl-onboarding>`;
      default:
        switch (this.view) {
          case 'history':
            return html`<sl-history .profile=${this.profile}></sl-history>`;
          case 'trend':
            return html`<sl-trend .profile=${this.profile}></sl-trend>`;
          case 'checkin':
            return html`<sl-checkin .profile=${this.profile}></sl-checkin>`;
          case 'sharing':
            return html`<sl-sharing></sl-sharing>`;
          case 'inbox':
            return html`<sl-inbox .item=${this.item}></sl-inbox>`;
          case 'settings':
            return html`<sl-settings .profile=${this.profile} @sl-profile=${(e) => this.onboarded(e.detail)}></sl-settings>`;
          default:
            return html`<sl-today .profile=${this.profile}></sl-today>`;
        }
    }
  }

  /** Nothing of this account stays readable on the device but what waits to be sent (kept for its owner only). */
  async signOut(event) {
    event.preventDefault();
    const waiting = await outbox.waiting();
    if (waiting > 0 && !confirm(msg('Some sessions have not been sent yet. They stay on this device until you sign in again. Sign out?', {id: 'app.signOutWaiting'}))) {
      return;
    }
    localStorage.removeItem(CACHE_KEY);
    timer.clear();
    forgetSetup();
    try {
      await push.forgetThisDevice(); // a shared device does not keep receiving this account's notifications
    } catch (e) {
      console.warn('This device may still receive notifications:', e);
    }
    location.assign('/logout');
  }

  /**
   * The account is gone: nothing of it stays on this device (cached account, timer, pump setup, sessions waiting
   * to be sent — there is nobody to send them for — and this browser's push subscription), then the browser's
   * sign-in ends.
   */
  async accountDeleted() {
    localStorage.removeItem(CACHE_KEY);
    timer.clear();
    forgetSetup();
    for (const item of await outbox.all()) {
      await outbox.discard(item.clientId);
    }
    try {
      await push.forgetThisDevice();
    } catch (e) {
      // the service already forgot the subscription with the account
    }
    location.assign('/account-deleted');
  }

  updated(changed) {
    // a new screen: focus moves to it, so that a keyboard or screen reader user starts there
    if (changed.has('view') && changed.get('view') !== undefined) {
      this.renderRoot.querySelector('main')?.focus();
    }
  }

  onboarded(profile) {
    this.profile = profile;
    localStorage.setItem(CACHE_KEY, JSON.stringify({me: this.me, profile}));
    this.state = 'ready';
  }
}
customElements.define('sl-app', SlApp);

/** What the app shows an account: a parent's screens (after onboarding), the clinician's workspace, or neither. */
function stateOf(me, profile) {
  if (me.roles.includes('parent')) {
    return profile?.version ? 'ready' : 'onboarding';
  }
  return me.roles.includes('clinician') ? 'clinician' : 'not-parent';
}

