import {LitElement, html} from 'lit';
import {live} from 'lit/directives/live.js';
import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {digits, fromMl, unitLabel} from './units.js';
import * as outbox from './outbox.js';

/** "2026-11-29T14:05" in the browser's zone, for <input type=datetime-local>. */
function localInput(iso) {
  const d = new Date(iso);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The longest session the session-service accepts (supplyline.sessions.max-duration). */
const MAX_MINUTES = 180;

/**
 * One session's content. mode "stop": the timer's type and times, asks the volumes or the side; "quick": a past
 * session (type, start, duration); "edit": a stored or refused session, every field. Fires sl-save with the API
 * body (volumes in the parent's unit, times with their offset) or sl-cancel. What the parent did not change is sent
 * as it was: exact times and volumes (not their rounded display), and the notes this form does not show, which a
 * correction would otherwise erase. A pumping's setup (hands-on, pump, flange size) is under "Pump and technique";
 * a new pumping starts from the setup last saved on this device, which sign-out forgets.
 */
export class SlSessionForm extends LitElement {
  static properties = {
    mode: {}, profile: {attribute: false}, session: {attribute: false}, error: {}, busy: {type: Boolean},
    type: {state: true},
  };
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.mode = 'quick';
    this.session = null;
    this.error = '';
    this.busy = false;
  }

  willUpdate(changed) {
    if (changed.has('session') || this.type === undefined) {
      this.type = this.session?.type || 'PUMPING';
    }
  }

  get unit() {
    return this.profile?.preferredUnit || 'ML';
  }

  render() {
    const s = this.session || {};
    const unit = this.unit;
    const now = new Date();
    const start = s.startedAt || new Date(now.getTime() - 20 * 60000).toISOString();
    const minutes = s.startedAt && s.endedAt ? Math.max(1, Math.round((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 60000)) : 20;
    // stored sessions hold mL; a refused item from this device holds what was typed, in its unit
    const volume = (v) => (v == null ? '' : s.unit ? v : Number(fromMl(Number(v), unit).toFixed(digits(unit))));
    this.shown = {start: localInput(start), minutes: String(minutes), left: String(volume(s.leftMl)), right: String(volume(s.rightMl))};
    return html`<form @submit=${this.submit} novalidate>
      ${this.mode === 'stop' ? '' : html`
        <label>${msg('Type', {id: 'form.type'})}
          <select name="type" @change=${(e) => (this.type = e.target.value)} .value=${live(this.type)}>
            <option value="PUMPING" ?selected=${this.type === 'PUMPING'}>${msg('Pumping', {id: 'type.pumping'})}</option>
            <option value="NURSING" ?selected=${this.type === 'NURSING'}>${msg('Nursing', {id: 'type.nursing'})}</option>
          </select></label>
        <label>${msg('Started at', {id: 'form.startedAt'})}
          <input type="datetime-local" name="startedAt" required .value=${live(localInput(start))} max=${localInput(now.toISOString())}></label>
        <label>${msg('Duration (minutes)', {id: 'form.duration'})}
          <input type="number" name="minutes" min="1" max=${MAX_MINUTES} inputmode="numeric" required .value=${live(String(minutes))}></label>`}
      ${this.type === 'PUMPING' ? html`
        <div class="row">
          <label class="grow">${msg('Left', {id: 'form.left'})} <span class="hint">(${unitLabel(unit)})</span>
            <input type="number" name="left" min="0" step="any" inputmode="decimal" .value=${live(String(volume(s.leftMl)))}></label>
          <label class="grow">${msg('Right', {id: 'form.right'})} <span class="hint">(${unitLabel(unit)})</span>
            <input type="number" name="right" min="0" step="any" inputmode="decimal" .value=${live(String(volume(s.rightMl)))}></label>
        </div>
        ${this.renderSetup(this.mode === 'edit' ? s : lastSetup())}` : html`
        <label>${msg('Side', {id: 'form.side'})}
          <select name="side">
            ${['LEFT', 'RIGHT', 'BOTH'].map((side) => html`<option value=${side} ?selected=${(s.side || 'BOTH') === side}>${
              side === 'LEFT' ? msg('Left', {id: 'form.left'}) : side === 'RIGHT' ? msg('Right', {id: 'form.right'}) : msg('Both', {id: 'form.both'})}</option>`)}
          </select></label>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <div class="row">
        <button type="submit" ?disabled=${this.busy}>${msg('Save', {id: 'form.save'})}</button>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new CustomEvent('sl-cancel'))}>${msg('Cancel', {id: 'form.cancel'})}</button>
      </div>
    </form>`;
  }

  renderSetup(setup) {
    this.shownSetup = setup;
    return html`<details ?open=${setup.handsOn != null || setup.pump != null || setup.flangeSizeMm != null}>
      <summary>${msg('Pump and technique', {id: 'form.setup'})}</summary>
      <label class="check"><input type="checkbox" name="handsOn" .checked=${live(setup.handsOn === true)}>
        <span>${msg('Hands-on pumping (massage and compression)', {id: 'form.handsOn'})}</span></label>
      <label>${msg('Pump', {id: 'form.pump'})}
        <input name="pump" maxlength="200" autocomplete="off" .value=${live(setup.pump ?? '')}></label>
      <label>${msg('Flange size', {id: 'form.flange'})} <span class="hint">(mm)</span>
        <input type="number" name="flangeSizeMm" min="10" max="40" step="0.5" inputmode="decimal"
          .value=${live(setup.flangeSizeMm == null ? '' : String(setup.flangeSizeMm))}></label>
    </details>`;
  }

  submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const s = this.session || {};
    const shown = this.shown;
    let startedAt = s.startedAt;
    let endedAt = s.endedAt;
    const timesChanged = this.mode !== 'stop'
        && (!s.startedAt || form.get('startedAt') !== shown.start || form.get('minutes') !== shown.minutes);
    if (timesChanged) {
      const start = new Date(form.get('startedAt'));
      const minutes = Number(form.get('minutes'));
      if (Number.isNaN(start.getTime())) {
        this.error = msg('Enter when the session started.', {id: 'form.error.start'});
        return;
      }
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
        this.error = msg('The duration is 1 to 180 minutes.', {id: 'form.error.duration'});
        return;
      }
      startedAt = start.toISOString();
      endedAt = new Date(start.getTime() + minutes * 60000).toISOString();
    }
    const body = {type: this.type, startedAt, endedAt};
    if (s.notes != null) {
      body.notes = s.notes;
    }
    if (this.type === 'PUMPING') {
      const unit = this.unit;
      // an untouched side keeps its exact value: stored sessions hold mL, a refused item what was typed
      const exact = (field, input) => (form.get(input) === shown[input] && s[field] != null
        ? (s.unit ? Number(s[field]) : fromMl(Number(s[field]), unit))
        : form.get(input) === '' ? 0 : Number(form.get(input)));
      const left = exact('leftMl', 'left');
      const right = exact('rightMl', 'right');
      if (![left, right].every((v) => Number.isFinite(v) && v >= 0)) {
        this.error = msg('Volumes are numbers, 0 or more.', {id: 'form.error.volume'});
        return;
      }
      const untouched = form.get('left') === shown.left && form.get('right') === shown.right && s.leftMl != null;
      Object.assign(body, untouched && !s.unit
        ? {leftMl: Number(s.leftMl), rightMl: Number(s.rightMl), unit: 'ML'}
        : {leftMl: left, rightMl: right, unit: s.unit && untouched ? s.unit : unit});
      // unchecked is "no" once hands-on was ever said (shown checked or unchecked on purpose) or a setup is given;
      // otherwise nothing is claimed
      const shownSetup = this.shownSetup || {};
      const setup = {
        handsOn: form.has('handsOn') ? true
          : (shownSetup.handsOn != null || form.get('pump').trim() || form.get('flangeSizeMm') ? false : null),
        pump: form.get('pump').trim() || null,
        flangeSizeMm: form.get('flangeSizeMm') === '' ? null : Number(form.get('flangeSizeMm')),
      };
      for (const [field, value] of Object.entries(setup)) {
        if (value != null) {
          body[field] = value;
        }
      }
      if (this.mode !== 'edit') {
        rememberSetup(setup); // a correction of an old session is not the setup of the next one
      }
    } else {
      body.side = form.get('side');
    }
    this.error = '';
    this.dispatchEvent(new CustomEvent('sl-save', {detail: body}));
  }
}
customElements.define('sl-session-form', SlSessionForm);

const SETUP_KEY = 'supplyline.setup';

/** The pumping setup last logged on this device by the signed-in account: the start of the next one. */
function lastSetup() {
  try {
    const kept = JSON.parse(localStorage.getItem(SETUP_KEY));
    return kept && kept.owner === outbox.currentOwner() ? kept.setup : {};
  } catch (e) {
    return {};
  }
}

function rememberSetup(setup) {
  localStorage.setItem(SETUP_KEY, JSON.stringify({owner: outbox.currentOwner(), setup}));
}

/** Sign-out, or a session that ended, forgets it with the rest of what this device kept. */
export function forgetSetup() {
  localStorage.removeItem(SETUP_KEY);
}
