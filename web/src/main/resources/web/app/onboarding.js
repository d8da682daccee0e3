import {LitElement, html} from 'lit';
import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {api, fieldErrors} from './api.js';
import {toMl, unitLabel} from './units.js';

/**
 * First visit of a parent: timezone (from the browser), baby's birth date, feeding mode, whether they are reducing
 * their supply on purpose, unit and daily goal.
 */
export class SlOnboarding extends LitElement {
  static properties = {profile: {attribute: false}, unit: {state: true}, errors: {state: true}, busy: {state: true}};
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.errors = {};
    this.busy = false;
  }

  willUpdate() {
    if (this.unit === undefined) {
      this.unit = this.profile?.preferredUnit || 'ML';
    }
  }

  render() {
    const zone = this.profile?.version ? this.profile.timezone : Intl.DateTimeFormat().resolvedOptions().timeZone;
    const known = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [];
    const zones = known.includes(zone) ? known : [zone, ...known];
    const today = new Date().toISOString().slice(0, 10);
    const error = (field) => (this.errors[field] ? html`<span class="error" id="error-${field}">${this.errors[field]}</span>` : '');
    return html`<section class="card">
      <h2>${msg('Welcome to Supplyline', {id: 'onboarding.title'})}</h2>
      <p class="muted">${msg('A few details, so that your days, totals and reminders are right. You can change them later.', {id: 'onboarding.intro'})}</p>
      <form @submit=${this.submit} novalidate>
        <label>${msg('Your timezone', {id: 'onboarding.timezone'})}
          <select name="timezone">${zones.map((z) => html`<option ?selected=${z === zone}>${z}</option>`)}</select>${error('timezone')}</label>
        <label>${msg("Baby's birth date", {id: 'onboarding.birthDate'})} <span class="hint">${msg('(optional)', {id: 'onboarding.optional'})}</span>
          <input type="date" name="babyBirthDate" max=${today} .value=${this.profile?.babyBirthDate || ''}>${error('babyBirthDate')}</label>
        <label>${msg('How do you feed?', {id: 'onboarding.feedingMode'})}
          <select name="feedingMode">
            <option value="EXCLUSIVELY_PUMPING">${msg('Pumping only', {id: 'mode.pumping'})}</option>
            <option value="MIXED">${msg('Pumping and nursing', {id: 'mode.mixed'})}</option>
            <option value="MOSTLY_NURSING">${msg('Mostly nursing', {id: 'mode.nursing'})}</option>
          </select>${error('feedingMode')}</label>
        <label class="check"><input type="checkbox" name="reducingOnPurpose" .checked=${this.profile?.reducingOnPurpose === true}>
          <span>${msg('I am reducing on purpose (weaning or a planned reduction)', {id: 'onboarding.reducing'})}
            <span class="hint">${msg('Drop alerts pause; your trend still shows.', {id: 'onboarding.reducingHint'})}</span>${error('reducingOnPurpose')}</span></label>
        <label>${msg('Volumes in', {id: 'onboarding.unit'})}
          <select name="preferredUnit" @change=${(e) => (this.unit = e.target.value)}>
            <option value="ML" ?selected=${this.unit === 'ML'}>mL</option>
            <option value="OZ" ?selected=${this.unit === 'OZ'}>oz</option>
          </select></label>
        <label>${msg('Daily goal', {id: 'onboarding.goal'})} <span class="hint">(${unitLabel(this.unit)}, ${msg('optional, agreed with your lactation consultant', {id: 'onboarding.goalHint'})})</span>
          <input type="number" name="dailyGoal" min="0" step="any" inputmode="decimal">${error('dailyGoalMl')}</label>
        ${this.errors[''] ? html`<p class="error" role="alert">${this.errors['']}</p>` : ''}
        <button type="submit" ?disabled=${this.busy} id="onboarding-save">${msg('Continue', {id: 'onboarding.continue'})}</button>
      </form>
    </section>`;
  }

  async submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const goal = form.get('dailyGoal');
    const body = {
      timezone: form.get('timezone'),
      babyBirthDate: form.get('babyBirthDate') || null,
      feedingMode: form.get('feedingMode'),
      reducingOnPurpose: form.has('reducingOnPurpose'),
      preferredUnit: form.get('preferredUnit'),
      dailyGoalMl: goal ? Math.round(toMl(Number(goal), form.get('preferredUnit'))) : null,
    };
    this.busy = true;
    try {
      const saved = await api('profile', {method: 'PUT', body});
      this.errors = {};
      this.dispatchEvent(new CustomEvent('sl-profile', {detail: saved.body, bubbles: true, composed: true}));
    } catch (e) {
      this.errors = fieldErrors(e);
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('sl-onboarding', SlOnboarding);
