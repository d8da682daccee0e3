import {LitElement, html} from 'lit';
import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import * as outbox from './outbox.js';
import {formatDateTime} from './i18n.js';
import './session-form.js';

/** Sessions still on this device: waiting to be sent, or refused by the server with its reason (fix or discard). */
export class SlPending extends LitElement {
  static properties = {profile: {attribute: false}, items: {state: true}, fixing: {state: true}};
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.items = [];
    this.fixing = null;
    this.reload = () => this.load();
  }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('sl-outbox-changed', this.reload);
    this.load();
  }

  disconnectedCallback() {
    window.removeEventListener('sl-outbox-changed', this.reload);
    super.disconnectedCallback();
  }

  async load() {
    this.items = await outbox.all();
  }

  render() {
    if (!this.items.length) {
      return html``;
    }
    return html`<section class="card" aria-labelledby="pending-title">
      <h2 id="pending-title">${msg('On this device', {id: 'pending.title'})}</h2>
      <ul class="plain">
        ${this.items.map((item) => html`<li data-client-id=${item.clientId} data-state=${item.state}>
          <div class="row">
            <span class="grow">${item.session.type === 'PUMPING' ? msg('Pumping', {id: 'type.pumping'}) : msg('Nursing', {id: 'type.nursing'})}
              · ${formatDateTime(item.session.startedAt)}</span>
            ${item.state === 'REFUSED'
              ? html`<span class="badge refused">${msg('Refused', {id: 'pending.refused'})}</span>`
              : html`<span class="badge">${msg('Waiting to sync', {id: 'pending.waiting'})}</span>`}
          </div>
          ${item.state === 'REFUSED' ? html`
            <p class="error refusal">${item.message}</p>
            ${this.fixing === item.clientId
              ? html`<sl-session-form mode="edit" .profile=${this.profile} .session=${item.session}
                  @sl-save=${(e) => this.fix(item, e.detail)} @sl-cancel=${() => (this.fixing = null)}></sl-session-form>`
              : html`<div class="row">
                  <button class="secondary" @click=${() => (this.fixing = item.clientId)}>${msg('Fix', {id: 'pending.fix'})}</button>
                  <button class="danger" @click=${() => outbox.discard(item.clientId)}>${msg('Discard', {id: 'pending.discard'})}</button>
                </div>`}` : ''}
        </li>`)}
      </ul>
    </section>`;
  }

  async fix(item, session) {
    this.fixing = null;
    await outbox.replace(item.clientId, session);
    outbox.sync().catch(() => {});
  }
}
customElements.define('sl-pending', SlPending);
