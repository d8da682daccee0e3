import {LitElement, html} from 'lit';
import {msg, str, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {loadFailed, loadScreen} from './failure.js';
import {api, fieldErrors} from './api.js';
import {formatDate, formatNumber} from './i18n.js';
import {digits, fromMl, toMl, unitLabel} from './units.js';

/** The parent's local date today, in their profile's timezone. */
function localToday(zone) {
  return new Intl.DateTimeFormat('en-CA', {timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit'}).format(new Date());
}

/**
 * Well-being: a daily check-in (sleep, water, stress, a note; one per local day, a second one corrects it), the
 * last check-ins, and the insights the analytics-service found between them and the volume (only strong ones, over
 * at least 14 paired days), said in the app's language from their figures.
 */
export class SlCheckIn extends LitElement {
  static properties = {failed: {state: true}, 
    profile: {attribute: false}, items: {state: true}, insights: {state: true}, errors: {state: true},
    saved: {state: true}, busy: {state: true}, offline: {state: true},
  };
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.items = [];
    this.errors = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  get unit() {
    return this.profile?.preferredUnit || 'ML';
  }

  load() {
    return loadScreen(this, async () => {
      const [checkIns, insights] = await Promise.all([api('check-ins?limit=14'), api('insights/me')]);
      this.items = checkIns.body.items;
      this.insights = insights.body;
    });
  }

  render() {
    const today = localToday(this.profile?.timezone);
    const current = this.items.find((c) => c.date === today);
    const error = (field) => (this.errors[field] ? html`<span class="error" id="error-${field}">${this.errors[field]}</span>` : '');
    return html`
      ${this.failed ? loadFailed() : ''}
      <section class="card" aria-labelledby="checkin-title">
        <h2 id="checkin-title">${msg('How are you today?', {id: 'checkin.title'})}</h2>
        <p class="muted">${msg('Sleep, water and stress can change your supply. A few seconds a day, and after two weeks Supplyline shows what matters for you.', {id: 'checkin.intro'})}</p>
        ${this.offline ? html`<p class="muted">${msg('Offline: check-ins can be saved when the network is back.', {id: 'checkin.offline'})}</p>` : ''}
        <form @submit=${this.submit} @input=${() => (this.saved = false)} novalidate>
          <label>${msg('Day', {id: 'trend.day'})} <input type="date" name="date" max=${today} .value=${today}>${error('date')}</label>
          <label>${msg('Sleep in the last 24 hours (hours)', {id: 'checkin.sleep'})}
            <input type="number" name="sleepHours" min="0" max="24" step="0.5" inputmode="decimal" .value=${current?.sleepHours ?? ''}>${error('sleepHours')}</label>
          <label>${msg('Water drunk', {id: 'checkin.water'})} <span class="hint">(${unitLabel(this.unit)})</span>
            <input type="number" name="water" min="0" step="any" inputmode="decimal"
              .value=${current?.waterMl != null ? formatNumberPlain(fromMl(current.waterMl, this.unit), digits(this.unit)) : ''}>${error('waterMl')}</label>
          <label>${msg('Stress, from 1 (calm) to 5 (very stressed)', {id: 'checkin.stress'})}
            <select name="stress"><option value="">—</option>${[1, 2, 3, 4, 5].map((n) => html`<option ?selected=${current?.stress === n}>${n}</option>`)}</select>${error('stress')}</label>
          <label>${msg('Note', {id: 'checkin.notes'})} <span class="hint">${msg('(optional)', {id: 'onboarding.optional'})}</span>
            <input type="text" name="notes" maxlength="500" .value=${current?.notes || ''}>${error('notes')}</label>
          ${this.errors[''] ? html`<p class="error" role="alert">${this.errors['']}</p>` : ''}
          <div class="row">
            <button type="submit" id="checkin-save" ?disabled=${this.busy || this.offline}>${msg('Save', {id: 'settings.save'})}</button>
            ${this.saved ? html`<span role="status" id="checkin-saved">${msg('Saved.', {id: 'settings.saved'})}</span>` : ''}
          </div>
        </form>
      </section>
      ${this.renderInsights()}
      <section class="card" aria-labelledby="checkins-title">
        <h2 id="checkins-title">${msg('Your last check-ins', {id: 'checkin.list'})}</h2>
        ${this.items.length ? '' : html`<p class="muted">${msg('Nothing logged yet.', {id: 'today.nothingYet'})}</p>`}
        <ul class="plain" id="checkins">${this.items.map((c) => html`<li data-date=${c.date}><strong>${formatDate(c.date)}</strong> ·
          ${c.sleepHours != null ? msg(str`${formatNumber(c.sleepHours, 1)} h of sleep`, {id: 'checkin.sleepShort'}) : ''}
          ${c.waterMl != null ? html` · ${formatNumber(fromMl(c.waterMl, this.unit), digits(this.unit))} ${unitLabel(this.unit)}` : ''}
          ${c.stress != null ? html` · ${msg(str`stress ${c.stress}/5`, {id: 'checkin.stressShort'})}` : ''}</li>`)}</ul>
      </section>`;
  }

  renderInsights() {
    const i = this.insights;
    if (!i) {
      return '';
    }
    return html`<section class="card" aria-labelledby="insights-title">
      <h2 id="insights-title">${msg('Insights', {id: 'insights.title'})}</h2>
      ${i.insights.length ? html`<ul class="plain" id="insights">${i.insights.map((x) => html`<li data-factor=${x.factor}>${x.text}</li>`)}</ul>
        <p class="muted">${msg('A link between two things is not proof that one causes the other.', {id: 'insights.caution'})}</p>`
        : html`<p class="muted" id="insights-none">${i.why}</p>`}
    </section>`;
  }

  async submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const number = (name) => (form.get(name) === '' ? null : Number(form.get(name)));
    const water = number('water');
    const body = {
      date: form.get('date'),
      sleepHours: number('sleepHours'),
      waterMl: water === null ? null : Math.round(toMl(water, this.unit)),
      stress: number('stress'),
      notes: form.get('notes') || null,
    };
    this.busy = true;
    try {
      await api('check-ins', {method: 'POST', body});
      this.errors = {};
      this.saved = true;
      await this.load();
    } catch (e) {
      this.errors = fieldErrors(e);
    } finally {
      this.busy = false;
    }
  }
}

/** A number for an input's value: a dot, no grouping, whatever the language. */
function formatNumberPlain(n, fractionDigits) {
  return String(Number(n.toFixed(fractionDigits)));
}

customElements.define('sl-checkin', SlCheckIn);
