import {LitElement, html} from 'lit';
import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {digits, fromMl, unitLabel} from './units.js';

/** "2026-11-29T14:05" in the browser's zone, for <input type=datetime-local>. */
function localInput(iso) {
  const d = new Date(iso);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * One session's content. mode "stop": the timer's type and times, asks the volumes or the side; "quick": a past
 * session (type, start, duration); "edit": a stored or refused session, every field. Fires sl-save with the API
 * body (volumes in the parent's unit, times with their offset) or sl-cancel.
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
    return html`<form @submit=${this.submit} novalidate>
      ${this.mode === 'stop' ? '' : html`
        <label>${msg('Type', {id: 'form.type'})}
          <select name="type" @change=${(e) => (this.type = e.target.value)} .value=${this.type}>
            <option value="PUMPING" ?selected=${this.type === 'PUMPING'}>${msg('Pumping', {id: 'type.pumping'})}</option>
            <option value="NURSING" ?selected=${this.type === 'NURSING'}>${msg('Nursing', {id: 'type.nursing'})}</option>
          </select></label>
        <label>${msg('Started at', {id: 'form.startedAt'})}
          <input type="datetime-local" name="startedAt" required .value=${localInput(start)} max=${localInput(now.toISOString())}></label>
        <label>${msg('Duration (minutes)', {id: 'form.duration'})}
          <input type="number" name="minutes" min="1" max="240" inputmode="numeric" required .value=${String(minutes)}></label>`}
      ${this.type === 'PUMPING' ? html`
        <div class="row">
          <label class="grow">${msg('Left', {id: 'form.left'})} <span class="hint">(${unitLabel(unit)})</span>
            <input type="number" name="left" min="0" step="any" inputmode="decimal" .value=${String(volume(s.leftMl))}></label>
          <label class="grow">${msg('Right', {id: 'form.right'})} <span class="hint">(${unitLabel(unit)})</span>
            <input type="number" name="right" min="0" step="any" inputmode="decimal" .value=${String(volume(s.rightMl))}></label>
        </div>` : html`
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

  submit(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const s = this.session || {};
    let startedAt = s.startedAt;
    let endedAt = s.endedAt;
    if (this.mode !== 'stop') {
      const start = new Date(form.get('startedAt'));
      const minutes = Number(form.get('minutes'));
      if (Number.isNaN(start.getTime())) {
        this.error = msg('Enter when the session started.', {id: 'form.error.start'});
        return;
      }
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
        this.error = msg('The duration is 1 to 240 minutes.', {id: 'form.error.duration'});
        return;
      }
      startedAt = start.toISOString();
      endedAt = new Date(start.getTime() + minutes * 60000).toISOString();
    }
    const body = {type: this.type, startedAt, endedAt};
    if (this.type === 'PUMPING') {
      const left = form.get('left') === '' ? 0 : Number(form.get('left'));
      const right = form.get('right') === '' ? 0 : Number(form.get('right'));
      if (![left, right].every((v) => Number.isFinite(v) && v >= 0)) {
        this.error = msg('Volumes are numbers, 0 or more.', {id: 'form.error.volume'});
        return;
      }
      Object.assign(body, {leftMl: left, rightMl: right, unit: this.unit});
    } else {
      body.side = form.get('side');
    }
    this.error = '';
    this.dispatchEvent(new CustomEvent('sl-save', {detail: body}));
  }
}
customElements.define('sl-session-form', SlSessionForm);
