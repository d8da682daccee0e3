import {LitElement, html, css} from 'lit';
import {msg, str, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {api, isNetworkError, problemText} from './api.js';
import {formatDateTime, formatNumber} from './i18n.js';
import {statusLabel, statusMark} from './trend.js';
import './inbox.js';
import './settings.js';
import {decoded} from './routes.js';

const STATUSES = ['SEEK_HELP', 'WATCH', 'STABLE', 'INSUFFICIENT_DATA'];

/**
 * The clinician's routes: #/ cohorts, #/cohort/{id}, #/patient/{cohortId}/{parentId}, #/alerts (the inbox), and
 * #/parent/{parentId} (from an alert, which names the parent but not the cohort): the first cohort where they share.
 */
function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decoded);
  switch (parts[0]) {
    case 'cohort':
      return {screen: 'cohort', cohortId: parts[1]};
    case 'patient':
      return {screen: 'patient', cohortId: parts[1], parentId: parts[2]};
    case 'parent':
      return {screen: 'find', parentId: parts[1]};
    case 'alerts':
    case 'inbox':
      return {screen: 'alerts', item: parts[1] || null};
    default:
      return {screen: 'cohorts'};
  }
}

/**
 * The lactation consultant's workspace: their cohorts (create one, show and replace its invite code), a cohort's
 * consenting parents by risk with status badges (a word and a mark, never a colour alone), filters and the baby's
 * age; a parent's trend and why; the alerts inbox with this device's notifications.
 */
export class SlClinician extends LitElement {
  static properties = {at: {state: true}, notFound: {state: true}};
  static styles = [shared, css`
    nav { display: flex; flex-wrap: wrap; gap: .25rem .9rem; margin-bottom: 1rem; }
    nav a { color: #1d2b28; padding: .4rem 0; }
    nav a[aria-current="page"] { font-weight: 700; }
  `];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.at = route();
    this.onHash = () => {
      this.at = route();
      this.notFound = this.at.screen === 'cohorts' && this.notFound;
    };
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }

  disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  willUpdate(changed) {
    if (changed.has('at') && this.at.screen === 'find') {
      this.find(this.at.parentId);
    }
  }

  /**
   * The cohort of the clinician's where this parent shares; the patient page there, or the cohorts with a note. Asks
   * for the parent's own trend in each cohort (a 404 where they do not share), so that only this parent's data is
   * read and logged, never a whole patient list.
   */
  async find(parentId) {
    try {
      for (const cohort of (await api('cohorts')).body.items || []) {
        try {
          await api(`cohorts/${encodeURIComponent(cohort.id)}/patients/${encodeURIComponent(parentId)}/trends?days=7`);
          location.replace(`#/patient/${encodeURIComponent(cohort.id)}/${encodeURIComponent(parentId)}`);
          return;
        } catch (e) {
          if (e.status !== 404) {
            throw e;
          }
        }
      }
    } catch (e) {
      console.warn('Cannot find the parent:', e);
    }
    this.notFound = true;
    location.replace('#/');
  }

  render() {
    const at = this.at;
    if (at.screen === 'find') {
      return html`<p class="muted">${msg('Loading…', {id: 'app.loading'})}</p>`;
    }
    return html`
      <nav>
        <a href="#/" id="nav-cohorts" aria-current=${at.screen !== 'alerts' ? 'page' : 'false'}>${msg('Cohorts', {id: 'clinician.cohorts'})}</a>
        <a href="#/alerts" id="nav-alerts" aria-current=${at.screen === 'alerts' ? 'page' : 'false'}>${msg('Alerts', {id: 'clinician.alerts'})}</a>
      </nav>
      ${this.notFound ? html`<p class="card" role="status" id="parent-gone">${msg('This parent no longer shares their data with you.', {id: 'clinician.parentGone'})}</p>` : ''}
      ${at.screen === 'cohort' ? html`<sl-cohort .cohortId=${at.cohortId}></sl-cohort>`
        : at.screen === 'patient' ? html`<sl-patient .cohortId=${at.cohortId} .parentId=${at.parentId}></sl-patient>`
          : at.screen === 'alerts' ? html`<sl-inbox .item=${at.item}></sl-inbox><sl-settings></sl-settings>`
            : html`<sl-cohorts></sl-cohorts>`}`;
  }
}
customElements.define('sl-clinician', SlClinician);

/** The clinician's cohorts, a form to create one, and each one's invite code (replaceable). */
export class SlCohorts extends LitElement {
  static properties = {cohorts: {state: true}, error: {state: true}, busy: {state: true}};
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.cohorts = null;
    this.error = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.cohorts = (await api('cohorts')).body.items || [];
    } catch (e) {
      this.error = isNetworkError(e) ? msg('Offline: your cohorts show when the network is back.', {id: 'clinician.offline'}) : problemText(e);
    }
  }

  render() {
    return html`
      <section class="card" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">${msg('Your cohorts', {id: 'clinician.cohortsTitle'})}</h2>
        ${this.cohorts && !this.cohorts.length ? html`<p class="muted">${msg('No cohort yet. Create one, then give its invite code to the parents you follow.', {id: 'clinician.noCohort'})}</p>` : ''}
        <ul class="plain" id="cohorts">${(this.cohorts || []).map((c) => html`<li data-id=${c.id}>
          <p><a href="#/cohort/${encodeURIComponent(c.id)}" class="open-cohort"><strong>${c.name}</strong></a>
            · ${msg(str`${c.activePatients} parents sharing`, {id: 'clinician.patientsCount'})}</p>
          <p>${msg('Invite code:', {id: 'clinician.inviteCode'})} <code class="invite-code">${c.inviteCode}</code>
            <button class="secondary rotate" @click=${() => this.rotate(c)}>${msg('Replace the code', {id: 'clinician.rotate'})}</button></p>
        </li>`)}</ul>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      </section>
      <section class="card" aria-labelledby="new-cohort-title">
        <h2 id="new-cohort-title">${msg('New cohort', {id: 'clinician.newCohort'})}</h2>
        <form @submit=${this.create} class="row" novalidate>
          <label class="grow">${msg('Name', {id: 'clinician.cohortName'})} <input name="name" maxlength="100" required></label>
          <button type="submit" id="create-cohort" ?disabled=${this.busy}>${msg('Create', {id: 'clinician.create'})}</button>
        </form>
      </section>`;
  }

  async create(event) {
    event.preventDefault();
    const form = event.target; // an event from a shadow tree has no target once dispatched
    this.busy = true;
    this.error = '';
    try {
      await api('cohorts', {method: 'POST', body: {name: new FormData(form).get('name').trim()}});
      form.reset();
      await this.load();
    } catch (e) {
      this.error = problemText(e);
    } finally {
      this.busy = false;
    }
  }

  async rotate(cohort) {
    if (!confirm(msg('Replace the invite code? The current code stops working; parents who already share keep sharing.', {id: 'clinician.rotateConfirm'}))) {
      return;
    }
    try {
      await api(`cohorts/${encodeURIComponent(cohort.id)}/invite-code`, {method: 'POST'});
      await this.load();
    } catch (e) {
      this.error = problemText(e);
    }
  }
}
customElements.define('sl-cohorts', SlCohorts);

/** A cohort's consenting parents, by risk (or by name), filtered by status. */
export class SlCohort extends LitElement {
  static properties = {cohortId: {}, cohort: {state: true}, patients: {state: true}, statuses: {state: true}, sort: {state: true}, error: {state: true}};
  static styles = [shared, css`
    .badge.SEEK_HELP { background: #f6d5d0; color: #7a241a; } .badge.WATCH { background: #f3e7c9; color: #5a4510; }
    .badge.STABLE { background: #d5eadf; color: #1d4d36; } .badge.INSUFFICIENT_DATA { background: #e4efec; color: #1d2b28; }
    fieldset { border: 0; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
    fieldset label { font-weight: 400; margin: .25rem 0; }
  `];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.statuses = [];
    this.sort = 'risk';
    this.error = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    const mine = (this.loads = (this.loads || 0) + 1);
    try {
      const filter = this.statuses.length ? `&status=${this.statuses.join(',')}` : '';
      const [cohort, patients] = await Promise.all([api(`cohorts/${encodeURIComponent(this.cohortId)}`),
        api(`cohorts/${encodeURIComponent(this.cohortId)}/patients?sort=${this.sort}&limit=200${filter}`)]);
      if (mine !== this.loads) {
        return; // a newer filter or order answers
      }
      this.cohort = cohort.body;
      this.patients = patients.body.items;
      this.error = '';
    } catch (e) {
      this.error = e.status === 404 ? msg('This cohort does not exist or is not yours.', {id: 'clinician.cohortUnknown'}) : problemText(e);
    }
  }

  render() {
    return html`<section class="card" aria-labelledby="cohort-title">
      <h2 id="cohort-title">${this.cohort?.name || ''}</h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <fieldset @change=${this.filter}>
        <legend>${msg('Show', {id: 'clinician.show'})}</legend>
        ${STATUSES.map((s) => html`<label class="check"><input type="checkbox" value=${s} ?checked=${this.statuses.includes(s)}> <span>${statusLabel(s)}</span></label>`)}
      </fieldset>
      <label>${msg('Order', {id: 'clinician.order'})}
        <select id="sort" @change=${(e) => { this.sort = e.target.value; this.load(); }}>
          <option value="risk" ?selected=${this.sort === 'risk'}>${msg('Most at risk first', {id: 'clinician.byRisk'})}</option>
          <option value="name" ?selected=${this.sort === 'name'}>${msg('By name', {id: 'clinician.byName'})}</option>
        </select></label>
      ${this.patients && !this.patients.length ? html`<p class="muted" id="no-patients">${msg('Nobody to show.', {id: 'clinician.noPatients'})}</p>` : ''}
      <ul class="plain" id="patients">${(this.patients || []).map((p) => html`<li data-parent=${p.parentId}>
        <p><a class="open-patient" href="#/patient/${encodeURIComponent(this.cohortId)}/${encodeURIComponent(p.parentId)}"><strong>${p.displayName}</strong></a>
          <span class="badge ${p.status}"><span aria-hidden="true">${statusMark(p.status)}</span> ${statusLabel(p.status)}</span></p>
        <p class="muted">
          ${p.changePct !== null ? html`${msg('Change', {id: 'trend.change'})} ${p.changePct > 0 ? '+' : ''}${formatNumber(p.changePct, 1)} % · ` : ''}
          ${msg('Removals a day', {id: 'trend.removals'})} ${formatNumber(p.removalsPerDay, 1)}
          ${p.lastRemovalAt ? html` · ${msg(str`last ${formatDateTime(p.lastRemovalAt)}`, {id: 'clinician.last'})}` : ''}
          ${p.babyAgeDays !== null ? html` · ${msg(str`baby ${p.babyAgeDays} days old`, {id: 'clinician.babyAge'})}` : ''}</p>
      </li>`)}</ul>
    </section>`;
  }

  filter(event) {
    this.statuses = [...event.currentTarget.querySelectorAll('input:checked')].map((i) => i.value);
    this.load();
  }
}
customElements.define('sl-cohort', SlCohort);

/** One parent's trend, while they share it; once they revoked, says so. */
export class SlPatient extends LitElement {
  static properties = {cohortId: {}, parentId: {}, trend: {state: true}, gone: {state: true}, error: {state: true}};
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      this.trend = (await api(`cohorts/${encodeURIComponent(this.cohortId)}/patients/${encodeURIComponent(this.parentId)}/trends?days=28`)).body;
    } catch (e) {
      if (e.status === 404) {
        this.gone = true;
      } else {
        this.error = problemText(e);
      }
    }
  }

  render() {
    return html`
      <p><a href="#/cohort/${encodeURIComponent(this.cohortId)}">← ${msg('Back to the cohort', {id: 'clinician.back'})}</a></p>
      ${this.gone ? html`<section class="card"><p id="not-shared">${msg('This parent no longer shares their data with you (or never did in this cohort).', {id: 'clinician.notShared'})}</p></section>` : ''}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.trend ? html`<sl-trend-view .trend=${this.trend} unit="ML" audience="clinician"></sl-trend-view>` : ''}`;
  }
}
customElements.define('sl-patient', SlPatient);
