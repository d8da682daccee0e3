import {LitElement, html} from 'lit';
import {msg, str, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {api, ApiError, isNetworkError, problemText} from './api.js';
import {formatDateTime, formatNumber} from './i18n.js';
import {digits, fromMl, unitLabel} from './units.js';
import './session-form.js';
import './pending.js';

const PAGE = 20;

/** Every stored session, newest first, a page at a time; edit (If-Match: a newer version is shown) and delete. */
export class SlHistory extends LitElement {
  static properties = {
    profile: {attribute: false}, items: {state: true}, cursor: {state: true}, editing: {state: true},
    deleting: {state: true}, error: {state: true}, offline: {state: true}, loading: {state: true},
  };
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.items = [];
    this.cursor = null;
    this.editing = null;
    this.deleting = null;
    this.error = '';
    this.offline = false;
    this.reload = () => this.load(true);
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('sl-outbox-changed', this.reload);
    this.load(true);
  }

  disconnectedCallback() {
    window.removeEventListener('sl-outbox-changed', this.reload);
    super.disconnectedCallback();
  }

  async load(first) {
    this.loading = true;
    const mine = (this.loads = (this.loads || 0) + 1);
    try {
      const page = await api(`sessions?limit=${PAGE}${!first && this.cursor ? `&cursor=${encodeURIComponent(this.cursor)}` : ''}`);
      if (mine !== this.loads) {
        return; // a newer load answers
      }
      this.items = first ? page.body.items : [...this.items, ...page.body.items];
      this.cursor = page.body.nextCursor;
      this.offline = false;
    } catch (e) {
      if (!isNetworkError(e)) {
        throw e;
      }
      this.offline = true;
    } finally {
      this.loading = false;
    }
  }

  get unit() {
    return this.profile?.preferredUnit || 'ML';
  }

  render() {
    return html`
      <sl-pending .profile=${this.profile}></sl-pending>
      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">${msg('History', {id: 'history.title'})}</h2>
        ${this.offline ? html`<p class="muted">${msg('Offline: the history shows when the network is back.', {id: 'history.offline'})}</p>` : ''}
        ${this.error ? html`<p class="error" role="alert" id="history-error">${this.error}</p>` : ''}
        ${!this.offline && !this.loading && !this.items.length ? html`<p class="muted">${msg('Nothing logged yet.', {id: 'today.nothingYet'})}</p>` : ''}
        <ul class="plain" id="history-list">
          ${this.items.map((s) => this.renderItem(s))}
        </ul>
        ${this.cursor ? html`<button class="secondary" id="more" @click=${() => this.load(false)}>${msg('Show older', {id: 'history.more'})}</button>` : ''}
      </section>`;
  }

  renderItem(s) {
    const unit = this.unit;
    const what = s.type === 'PUMPING'
      ? `${formatNumber(fromMl(Number(s.totalMl), unit), digits(unit))} ${unitLabel(unit)}`
      : s.side === 'LEFT' ? msg('Left', {id: 'form.left'}) : s.side === 'RIGHT' ? msg('Right', {id: 'form.right'}) : msg('Both', {id: 'form.both'});
    const minutes = Math.round((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 60000);
    return html`<li data-session-id=${s.id}>
      <div class="row">
        <span class="grow"><strong>${s.type === 'PUMPING' ? msg('Pumping', {id: 'type.pumping'}) : msg('Nursing', {id: 'type.nursing'})}</strong>
          · ${formatDateTime(s.startedAt)} · ${msg(str`${minutes} min`, {id: 'history.minutes'})} · <span class="what">${what}</span></span>
        ${this.editing?.id === s.id || this.deleting === s.id ? '' : html`
          <button class="secondary edit" @click=${() => this.edit(s.id)}>${msg('Edit', {id: 'history.edit'})}</button>
          <button class="secondary delete" @click=${() => (this.deleting = s.id)}>${msg('Delete', {id: 'history.delete'})}</button>`}
      </div>
      ${this.deleting === s.id ? html`<div class="row">
          <span class="grow">${msg('Delete this session?', {id: 'history.confirmDelete'})}</span>
          <button class="danger confirm-delete" @click=${() => this.remove(s)}>${msg('Delete', {id: 'history.delete'})}</button>
          <button class="secondary" @click=${() => (this.deleting = null)}>${msg('Cancel', {id: 'form.cancel'})}</button>
        </div>` : ''}
      ${this.editing?.id === s.id ? html`
        ${this.editing.note ? html`<p class="error" role="alert" id="conflict-note">${this.editing.note}</p>` : ''}
        <sl-session-form mode="edit" .profile=${this.profile} .session=${this.editing.session} .error=${this.editing.error || ''}
          @sl-save=${(e) => this.save(e.detail)} @sl-cancel=${() => (this.editing = null)}></sl-session-form>` : ''}
    </li>`;
  }

  async edit(id, note = '') {
    this.error = '';
    try {
      const current = await api(`sessions/${id}`);
      this.editing = {id, etag: current.etag, session: current.body, note};
    } catch (e) {
      this.error = problemText(e);
    }
  }

  async save(body) {
    const {id, etag} = this.editing;
    try {
      const saved = await api(`sessions/${id}`, {method: 'PUT', body, headers: {'If-Match': etag}});
      this.items = this.items.map((s) => (s.id === id ? saved.body : s));
      this.editing = null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        await this.edit(id, msg('This session was changed elsewhere. Here is the newer version: check it and save again.', {id: 'history.conflict'}));
        await this.load(true);
      } else {
        this.editing = {...this.editing, error: problemText(e)};
      }
    }
  }

  async remove(s) {
    try {
      await api(`sessions/${s.id}`, {method: 'DELETE'});
      this.items = this.items.filter((i) => i.id !== s.id);
      this.deleting = null;
    } catch (e) {
      this.error = problemText(e);
    }
  }
}
customElements.define('sl-history', SlHistory);
