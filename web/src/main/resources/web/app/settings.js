import {LitElement, html} from 'lit';
import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {loadFailed, loadScreen} from './failure.js';
import {api, CSRF, fieldErrors} from './api.js';
import {getLocale, LOCALES, useLocale} from './i18n.js';

/** Set before signing in again to delete the account: after the sign-in, the app opens Settings (app-shell). */
export const AFTER_SIGN_IN = 'supplyline.after-sign-in';
/** Set by the app once back from that sign-in, until the account is deleted or the tab closed. */
export const REAUTHENTICATED = 'supplyline.reauthenticated';

/** Reminder intervals offered, in minutes (the notification-service accepts 60–480). */
const INTERVALS = [60, 90, 120, 150, 180, 210, 240, 270, 300, 360, 420, 480];

/**
 * Settings: reminders (on or off, the interval by day and at night; a parent's), quiet hours (nothing on the phone
 * then: reminders and alerts wait until they end, the inbox has them at once), language (this device, and the
 * language of notifications) and timezone (a parent's days and everyone's night). One Save; each field the server
 * refuses is named under it. A clinician (no profile) has the quiet hours, language and timezone.
 */
export class SlSettings extends LitElement {
  static properties = {failed: {state: true}, 
    profile: {attribute: false}, prefs: {state: true}, quiet: {state: true}, errors: {state: true},
    saved: {state: true}, busy: {state: true}, offline: {state: true}, exportError: {state: true},
    understood: {state: true}, deleting: {state: true}, deleteError: {state: true}, signInAgain: {state: true},
  };
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.errors = {};
    this.saved = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  load() {
    return loadScreen(this, async () => {
      this.prefs = (await api('preferences')).body;
      this.quiet = this.prefs.quietHours !== null;
    });
  }

  render() {
    if (this.failed) {
      return loadFailed();
    }
    if (this.offline) {
      return html`<section class="card"><p class="muted">${msg('Offline: settings can be changed when the network is back.', {id: 'settings.offline'})}</p></section>`;
    }
    if (!this.prefs) {
      return html`<p class="muted">${msg('Loading…', {id: 'app.loading'})}</p>`;
    }
    const p = this.prefs;
    const error = (field) => (this.errors[field] ? html`<span class="error" id="error-${field.replace(/\./g, '-')}">${this.errors[field]}</span>` : '');
    const zone = this.profile?.timezone || p.timezone || Intl.DateTimeFormat().resolvedOptions().timeZone;
    const known = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [];
    const zones = known.includes(zone) ? known : [zone, ...known];
    const interval = (name, value) => html`<select name=${name}>${INTERVALS.map((m) => html`<option value=${m} ?selected=${m === value}>${hours(m)}</option>`)}</select>`;
    return html`<section class="card" aria-labelledby="settings-title">
      <h2 id="settings-title">${msg('Settings', {id: 'settings.title'})}</h2>
      <form @submit=${this.submit} @input=${() => (this.saved = false)} novalidate>
        <fieldset>
          <legend>${this.profile ? msg('Reminders', {id: 'settings.reminders'}) : msg('Notifications on your phone', {id: 'settings.phone'})}</legend>
          ${this.profile ? html`<label class="check"><input type="checkbox" name="remindersEnabled" .checked=${p.remindersEnabled}>
            <span>${msg('Remind me when it is time to pump or nurse', {id: 'settings.remindersEnabled'})}</span></label>
          <label>${msg('By day, remind me after', {id: 'settings.dayInterval'})} ${interval('reminderIntervalMinutes', p.reminderIntervalMinutes)}${error('reminderIntervalMinutes')}</label>
          <label>${msg('At night (22:00–06:00), remind me after', {id: 'settings.nightInterval'})} ${interval('nightIntervalMinutes', p.nightIntervalMinutes)}${error('nightIntervalMinutes')}</label>` : ''}
          <label class="check"><input type="checkbox" name="quiet" .checked=${this.quiet} @change=${(e) => (this.quiet = e.target.checked)}>
            <span>${msg('Quiet hours: nothing on my phone between', {id: 'settings.quiet'})}
              <span class="hint">${msg('Reminders and alerts due then wait until they end; your inbox has them at once.', {id: 'settings.quietHint'})}</span></span></label>
          ${this.quiet ? html`<div class="row">
            <label class="grow">${msg('From', {id: 'settings.quietStart'})} <input type="time" name="quietStart" required .value=${p.quietHours?.start || '22:30'}>${error('quietHours.start')}</label>
            <label class="grow">${msg('To', {id: 'settings.quietEnd'})} <input type="time" name="quietEnd" required .value=${p.quietHours?.end || '06:00'}>${error('quietHours.end')}</label>
          </div>${error('quietHours')}` : ''}
        </fieldset>
        <fieldset>
          <legend>${msg('Language and time', {id: 'settings.languageAndTime'})}</legend>
          <label>${msg('Language of the app and of your notifications', {id: 'settings.language'})}
            <select name="locale">${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === getLocale()}>${NAMES[l]}</option>`)}</select>${error('locale')}</label>
          <label>${msg('Your timezone', {id: 'onboarding.timezone'})}
            <select name="timezone">${zones.map((z) => html`<option ?selected=${z === zone}>${z}</option>`)}</select>${error('timezone')}</label>
        </fieldset>
        ${this.errors[''] ? html`<p class="error" role="alert">${this.errors['']}</p>` : ''}
        <div class="row">
          <button type="submit" id="settings-save" ?disabled=${this.busy}>${msg('Save', {id: 'settings.save'})}</button>
          ${this.saved ? html`<span role="status" id="settings-saved">${msg('Saved.', {id: 'settings.saved'})}</span>` : ''}
        </div>
      </form>
    </section>
    ${this.profile ? html`<section class="card" aria-labelledby="export-title">
      <h2 id="export-title">${msg('Your data', {id: 'export.title'})}</h2>
      <p class="muted">${msg('Everything you recorded: your profile, sessions and check-ins.', {id: 'export.intro'})}</p>
      <div class="row">
        <button class="secondary" id="export-json" @click=${() => this.download('application/json', 'json')}>${msg('Download (JSON)', {id: 'export.json'})}</button>
        <button class="secondary" id="export-csv" @click=${() => this.download('text/csv', 'csv')}>${msg('Download (CSV, for a spreadsheet)', {id: 'export.csv'})}</button>
      </div>
      ${this.exportError ? html`<p class="error" role="alert">${this.exportError}</p>` : ''}
    </section>
    ${this.renderDeletion()}` : ''}`;
  }

  /**
   * Deleting the account: what goes, the export offered first, a confirmation, and a sign-in from the last minutes
   * (the service asks for it; the app signs the parent in again and brings them back here).
   */
  renderDeletion() {
    const again = sessionStorage.getItem(REAUTHENTICATED) === '1';
    return html`<section class="card" aria-labelledby="delete-title" id="delete-account">
      <h2 id="delete-title">${msg('Delete my account', {id: 'delete.title'})}</h2>
      <p>${msg('This deletes your account and everything Supplyline holds about you: your sessions and notes, check-ins, profile, trend, what you shared with your lactation consultants, your notifications and devices. It cannot be undone.', {id: 'delete.what'})}</p>
      <p class="muted">${msg('To keep a copy, download your data above first.', {id: 'delete.exportFirst'})}</p>
      ${again ? html`<p role="status" id="delete-signed-in-again">${msg('You signed in again: you can delete your account now.', {id: 'delete.signedInAgain'})}</p>` : ''}
      <label class="check"><input type="checkbox" id="delete-understood" .checked=${Boolean(this.understood)}
        @change=${(e) => (this.understood = e.target.checked)}>${msg('I understand that my account and data are deleted for good', {id: 'delete.understood'})}</label>
      <div class="row">
        <button class="danger" id="delete-account-button" ?disabled=${!this.understood || this.deleting}
          @click=${() => this.deleteAccount()}>${msg('Delete my account', {id: 'delete.title'})}</button>
      </div>
      ${this.signInAgain ? html`<div role="alert" id="delete-sign-in-again">
        <p>${msg('For your safety, deleting your account needs a recent sign-in. Sign in again, then delete it.', {id: 'delete.signInAgain'})}</p>
        <a class="button secondary" href="/reauthenticate" @click=${() => sessionStorage.setItem(AFTER_SIGN_IN, 'delete-account')}>${msg('Sign in again', {id: 'delete.signInAgainButton'})}</a>
      </div>` : ''}
      ${this.deleteError ? html`<p class="error" role="alert">${this.deleteError}</p>` : ''}
    </section>`;
  }

  /** DELETE /api/me; a 401 here asks for a new sign-in (it does not mean signed out, so no api() here). */
  async deleteAccount() {
    this.deleting = true;
    this.deleteError = '';
    this.signInAgain = false;
    try {
      const response = await fetch('/api/me', {method: 'DELETE', headers: {...CSRF, Accept: 'application/json'},
        credentials: 'same-origin'});
      if (response.status === 204) {
        sessionStorage.removeItem(REAUTHENTICATED);
        this.dispatchEvent(new CustomEvent('sl-account-deleted', {bubbles: true, composed: true}));
        return;
      }
      if (response.status === 401) {
        this.signInAgain = true;
      } else {
        this.deleteError = msg('Your account could not be deleted. Try again in a moment.', {id: 'delete.failed'});
      }
    } catch (e) {
      this.deleteError = msg('Your account could not be deleted. Try again in a moment.', {id: 'delete.failed'});
    } finally {
      this.deleting = false;
    }
  }

  /** GET /api/export in the chosen format, saved as a file (a cut download is an error, never a short file). */
  async download(type, extension) {
    this.exportError = '';
    try {
      const response = await fetch('/api/export', {headers: {Accept: type}, credentials: 'same-origin'});
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const blob = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `supplyline-${new Date().toISOString().slice(0, 10)}.${extension}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      this.exportError = msg('The download did not finish. Try again.', {id: 'export.failed'});
    }
  }

  async submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const parent = Boolean(this.profile);
    const prefs = {
      remindersEnabled: parent ? form.has('remindersEnabled') : this.prefs.remindersEnabled,
      reminderIntervalMinutes: parent ? Number(form.get('reminderIntervalMinutes')) : this.prefs.reminderIntervalMinutes,
      nightIntervalMinutes: parent ? Number(form.get('nightIntervalMinutes')) : this.prefs.nightIntervalMinutes,
      quietHours: this.quiet ? {start: form.get('quietStart'), end: form.get('quietEnd')} : null,
      locale: form.get('locale'),
      channels: this.prefs.channels,
      timezone: form.get('timezone'),
    };
    const timezone = prefs.timezone;
    this.busy = true;
    try {
      this.prefs = (await api('preferences', {method: 'PUT', body: prefs})).body;
      if (this.profile && timezone !== this.profile.timezone) {
        const profile = (await api('profile', {method: 'PUT', body: {...profileFields(this.profile), timezone}})).body;
        this.dispatchEvent(new CustomEvent('sl-profile', {detail: profile, bubbles: true, composed: true}));
      }
      if (prefs.locale !== getLocale()) {
        await useLocale(prefs.locale, true);
      }
      this.errors = {};
      this.saved = true;
    } catch (e) {
      this.errors = fieldErrors(e);
    } finally {
      this.busy = false;
    }
  }
}

const NAMES = {en: 'English', fr: 'Français'};

/** "3 h", "1 h 30" — the same in both languages. */
function hours(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

/** The fields PUT /api/profile takes (the answer also has its version). */
function profileFields(p) {
  return {
    timezone: p.timezone, babyBirthDate: p.babyBirthDate ?? null, feedingMode: p.feedingMode ?? null,
    reducingOnPurpose: p.reducingOnPurpose === true, preferredUnit: p.preferredUnit, dailyGoalMl: p.dailyGoalMl ?? null,
  };
}

customElements.define('sl-settings', SlSettings);
