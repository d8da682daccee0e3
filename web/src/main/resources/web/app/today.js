import {LitElement, html} from 'lit';
import {msg, str, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {api, isNetworkError} from './api.js';
import * as outbox from './outbox.js';
import * as timer from './timer.js';
import {formatDuration, formatNumber, formatTime} from './i18n.js';
import {digits, fromMl, toMl, unitLabel} from './units.js';
import './session-form.js';
import './pending.js';

/** Midnight of today in this browser's zone (onboarding offers it as the profile's), as an instant. */
function startOfToday() {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/**
 * The parent's daily loop: one tap starts a pumping or nursing timer; stop asks the volumes or the side; a past
 * session in a few fields; today's total against the goal; time since the last removal and the next reminder.
 * Everything logged here goes through the device's outbox, so it is kept when the network is not there.
 */
export class SlToday extends LitElement {
  static properties = {
    profile: {attribute: false}, running: {state: true}, stopping: {state: true}, quick: {state: true},
    stored: {state: true}, pending: {state: true}, next: {state: true}, lastEnd: {state: true},
    offline: {state: true}, tick: {state: true}, saved: {state: true},
  };
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.running = timer.running();
    this.stopping = false;
    this.quick = false;
    this.stored = [];
    this.pending = [];
    this.next = null;
    this.lastEnd = null;
    this.offline = false;
    this.saved = '';
    this.reload = () => this.load();
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('sl-outbox-changed', this.reload);
    this.clock = setInterval(() => (this.tick = Date.now()), 1000);
    this.refresh = setInterval(() => this.load(), 60_000);
    this.load();
  }

  disconnectedCallback() {
    window.removeEventListener('sl-outbox-changed', this.reload);
    clearInterval(this.clock);
    clearInterval(this.refresh);
    super.disconnectedCallback();
  }

  /** Reads the device's outbox and the server; of overlapping loads, only the latest one's answer is shown. */
  async load() {
    const mine = (this.loads = (this.loads || 0) + 1);
    const pending = (await outbox.all()).filter((i) => i.state === 'PENDING').map((i) => i.session);
    let server = null;
    try {
      const [today, latest, next] = await Promise.all([
        api(`sessions?from=${encodeURIComponent(startOfToday())}&limit=500`),
        api('sessions?limit=1'),
        api('reminders/next'),
      ]);
      server = {stored: today.body.items, lastEnd: latest.body.items[0]?.endedAt || null, next: next.body};
    } catch (e) {
      if (!isNetworkError(e)) {
        throw e;
      }
    }
    if (mine !== this.loads) {
      return;
    }
    this.pending = pending;
    this.offline = server === null;
    if (server) {
      Object.assign(this, server);
    }
  }

  get unit() {
    return this.profile?.preferredUnit || 'ML';
  }

  /** Pumped today, in mL: stored sessions and the ones still on this device. */
  get totalMl() {
    const start = Date.parse(startOfToday());
    const storedMl = this.stored.filter((s) => s.type === 'PUMPING').reduce((sum, s) => sum + Number(s.totalMl || 0), 0);
    const pendingMl = this.pending.filter((s) => s.type === 'PUMPING' && Date.parse(s.startedAt) >= start)
        .reduce((sum, s) => sum + toMl(Number(s.leftMl || 0) + Number(s.rightMl || 0), s.unit), 0);
    return storedMl + pendingMl;
  }

  get lastRemovalEnd() {
    const ends = [this.lastEnd, ...this.pending.map((s) => s.endedAt)].filter(Boolean).map(Date.parse);
    return ends.length ? Math.max(...ends) : null;
  }

  render() {
    const unit = this.unit;
    const total = fromMl(this.totalMl, unit);
    const goalMl = this.profile?.dailyGoalMl;
    const last = this.lastRemovalEnd;
    return html`
      ${this.offline ? html`<p class="card muted" id="offline-note">${msg('Offline: what you log stays on this device and is sent when the network is back.', {id: 'today.offline'})}</p>` : ''}
      ${this.saved ? html`<p class="card" role="status" id="saved-note">${this.saved}</p>` : ''}
      <section class="card" aria-labelledby="timer-title">
        <h2 id="timer-title">${msg('Timer', {id: 'today.timer'})}</h2>
        ${this.running ? this.renderRunning() : html`
          <div class="row">
            <button class="grow" id="start-pumping" @click=${() => this.start('PUMPING')}>${msg('Start pumping', {id: 'today.startPumping'})}</button>
            <button class="grow" id="start-nursing" @click=${() => this.start('NURSING')}>${msg('Start nursing', {id: 'today.startNursing'})}</button>
          </div>`}
      </section>
      <section class="card" aria-labelledby="total-title">
        <h2 id="total-title">${msg('Today', {id: 'today.title'})}</h2>
        <p><span class="big" id="today-total">${formatNumber(total, digits(unit))}</span> ${unitLabel(unit)}
          ${goalMl ? html`<span class="muted" id="today-goal">${msg(str`of ${formatNumber(fromMl(goalMl, unit), digits(unit))} ${unitLabel(unit)}`, {id: 'today.ofGoal'})}</span>` : ''}</p>
        ${goalMl ? html`<progress max=${goalMl} .value=${Math.min(this.totalMl, goalMl)}></progress>` : ''}
        <p id="since-last">${last
          ? msg(str`Last removal ended ${formatDuration(Date.now() - last)} ago (${formatTime(new Date(last).toISOString())}).`, {id: 'today.sinceLast'})
          : msg('Nothing logged yet.', {id: 'today.nothingYet'})}</p>
        <p id="next-reminder" class="muted">${this.renderNext()}</p>
      </section>
      <sl-pending .profile=${this.profile}></sl-pending>
      <section class="card">
        ${this.quick
          ? html`<h2>${msg('Log a past session', {id: 'today.quick'})}</h2>
            <sl-session-form mode="quick" .profile=${this.profile} @sl-save=${(e) => this.log(e.detail)}
              @sl-cancel=${() => (this.quick = false)}></sl-session-form>`
          : html`<button class="secondary" id="quick-entry" @click=${() => (this.quick = true)}>${msg('Log a past session', {id: 'today.quick'})}</button>`}
      </section>`;
  }

  renderRunning() {
    const type = this.running.type === 'PUMPING' ? msg('Pumping', {id: 'type.pumping'}) : msg('Nursing', {id: 'type.nursing'});
    if (this.stopping) {
      return html`<p>${type} · ${formatTime(this.running.startedAt)}–${formatTime(this.stopping.endedAt)}</p>
        <sl-session-form mode="stop" .profile=${this.profile} .session=${this.stopping}
          @sl-save=${(e) => this.log(e.detail, true)} @sl-cancel=${() => (this.stopping = false)}></sl-session-form>`;
    }
    return html`<p>${type}</p>
      <p class="big" id="timer-elapsed" aria-live="off">${timer.elapsed(this.running.startedAt)}</p>
      <button id="stop-timer" @click=${this.stop}>${msg('Stop', {id: 'today.stop'})}</button>`;
  }

  renderNext() {
    if (!this.next || this.offline) {
      return '';
    }
    if (this.next.dueAt) {
      return msg(str`Next reminder at ${formatTime(this.next.dueAt)}.`, {id: 'today.nextAt'});
    }
    if (this.next.remindedForLastRemoval) {
      return msg('A reminder was sent for this gap.', {id: 'today.reminded'});
    }
    return msg('No reminder is planned.', {id: 'today.noReminder'});
  }

  start(type) {
    this.saved = '';
    this.running = timer.start(type);
  }

  stop() {
    this.stopping = {type: this.running.type, startedAt: this.running.startedAt, endedAt: new Date().toISOString()};
  }

  async log(session, fromTimer = false) {
    await outbox.enqueue(session);
    if (fromTimer) {
      timer.clear();
      this.running = null;
      this.stopping = false;
    }
    this.quick = false;
    const {stored, refused} = await outbox.sync().catch(() => ({stored: 0, refused: 0}));
    this.saved = stored > 0 ? msg('Saved.', {id: 'today.saved'})
      : refused > 0 ? msg('Not saved: the reason is below.', {id: 'today.refused'})
        : msg('Kept on this device; it will be sent when the network is back.', {id: 'today.kept'});
    await this.load();
  }
}
customElements.define('sl-today', SlToday);
