import {LitElement, html, css} from 'lit';
import {msg, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {loadFailed, loadScreen} from './failure.js';
import {api, problemText} from './api.js';
import {formatDateTime} from './i18n.js';
import * as push from './push.js';

const PAGE = 30;

/**
 * Notifications: this device's push switch and the registered devices, then the inbox (reminders, supply alerts,
 * milestones), newest first, unread ones marked in words; an item named in the route (a notification's click) is
 * shown first in view and outlined.
 */
export class SlInbox extends LitElement {
  static properties = {failed: {state: true}, loading: {state: true}, 
    item: {attribute: false}, items: {state: true}, cursor: {state: true}, devices: {state: true},
    pushState: {state: true}, error: {state: true}, offline: {state: true}, busy: {state: true},
  };
  static styles = [shared, css`
    li[aria-current="true"] { outline: 3px solid #2f6f62; outline-offset: 2px; border-radius: 8px; padding-left: .5rem; }
    li.unread h3::before { content: '● '; color: #2f6f62; }
    h3 { font-size: 1rem; margin: 0 0 .25rem; }
    p { margin: .25rem 0; }
  `];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.items = [];
    this.devices = [];
    this.pushState = 'unknown';
    this.error = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load(true);
    this.loadDevices();
  }

  updated(changed) {
    if (changed.has('item') && changed.get('item') !== undefined) {
      this.load(true);
    }
  }

  async load(first) {
    const mine = (this.loads = (this.loads || 0) + 1);
    this.loading = true;
    await loadScreen(this, async () => {
      const page = await api(`notifications?limit=${PAGE}${!first && this.cursor ? `&cursor=${encodeURIComponent(this.cursor)}` : ''}`);
      if (mine !== this.loads) {
        return; // a newer load answers
      }
      this.items = first ? page.body.items : [...this.items, ...page.body.items];
      this.cursor = page.body.nextCursor;
      await this.updateComplete;
      if (first && this.item) {
        this.renderRoot.querySelector(`li[data-id="${CSS.escape(this.item)}"]`)?.scrollIntoView({block: 'center'});
      }
    });
    this.loading = false;
  }

  async loadDevices() {
    try {
      this.devices = push.supported() ? await push.list() : [];
      this.pushState = await push.state(this.devices);
    } catch (e) {
      this.pushState = 'unsupported';
    }
  }

  render() {
    return html`
      ${this.failed ? loadFailed() : ''}
      ${this.renderPush()}
      <section class="card" aria-labelledby="inbox-title">
        <div class="row">
          <h2 id="inbox-title" class="grow">${msg('Notifications', {id: 'inbox.title'})}</h2>
          ${this.items.some((n) => !n.readAt) ? html`<button class="secondary" id="read-all" @click=${this.readAll}>${msg('Mark all as read', {id: 'inbox.readAll'})}</button>` : ''}
        </div>
        ${this.offline ? html`<p class="muted">${msg('Offline: your notifications show when the network is back.', {id: 'inbox.offline'})}</p>` : ''}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        ${!this.offline && !this.items.length ? html`<p class="muted" id="inbox-empty">${msg('Nothing yet. Reminders and news about your supply will appear here.', {id: 'inbox.empty'})}</p>` : ''}
        <ul class="plain" id="inbox-list">${this.items.map((n) => this.renderItem(n))}</ul>
        ${this.cursor ? html`<button class="secondary" id="inbox-more" ?disabled=${this.loading} @click=${() => this.load(false)}>${msg('Show older', {id: 'history.more'})}</button>` : ''}
      </section>`;
  }

  renderItem(n) {
    const unread = !n.readAt;
    return html`<li data-id=${n.id} data-kind=${n.kind} class=${unread ? 'unread' : ''} aria-current=${n.id === this.item ? 'true' : 'false'}>
      <h3>${n.title}</h3>
      <p>${n.body}</p>
      <p class="muted"><time datetime=${n.createdAt}>${formatDateTime(n.createdAt)}</time>
        · <span class="state">${unread ? msg('Unread', {id: 'inbox.unread'}) : msg('Read', {id: 'inbox.read'})}</span></p>
      ${n.data?.parentId && n.kind === 'CLINICIAN_ALERT' ? html`<p><a class="open-parent" href="#/parent/${encodeURIComponent(n.data.parentId)}">${msg('Open this parent’s trend', {id: 'inbox.openParent'})}</a></p>` : ''}
      ${unread ? html`<button class="secondary mark-read" @click=${() => this.markRead(n)}>${msg('Mark as read', {id: 'inbox.markRead'})}</button>` : ''}
    </li>`;
  }

  renderPush() {
    const state = this.pushState;
    return html`<section class="card" aria-labelledby="push-title" id="push">
      <h2 id="push-title">${msg('Notifications on this device', {id: 'push.title'})}</h2>
      <p id="push-state">${state === 'on' ? msg('On: reminders and alerts arrive on this device, even when the app is closed.', {id: 'push.on'})
        : state === 'denied' ? msg('Blocked in this browser’s settings. Allow notifications for this site there, then come back.', {id: 'push.denied'})
          : state === 'unsupported' ? msg('This browser cannot receive notifications. On an iPhone, add Supplyline to the home screen first.', {id: 'push.unsupported'})
            : msg('Off: you see reminders and alerts here, in the app.', {id: 'push.off'})}</p>
      ${state === 'off' ? html`<button id="push-enable" ?disabled=${this.busy} @click=${this.enable}>${msg('Turn on notifications on this device', {id: 'push.enable'})}</button>` : ''}
      ${this.devices.length ? html`<h3>${msg('Devices that receive them', {id: 'push.devices'})}</h3>
        <ul class="plain" id="devices">${this.devices.map((d) => html`<li class="row" data-id=${d.id}>
          <span class="grow">${d.label || new URL(d.endpoint).host} <span class="muted">· ${formatDateTime(d.createdAt)}</span></span>
          <button class="secondary remove-device" aria-label=${msg('Remove', {id: 'push.remove'}) + ' ' + (d.label || new URL(d.endpoint).host)}
            @click=${() => this.removeDevice(d)}>${msg('Remove', {id: 'push.remove'})}</button></li>`)}</ul>` : ''}
    </section>`;
  }

  async enable() {
    this.busy = true;
    this.error = '';
    try {
      this.pushState = await push.enable(push.deviceLabel());
      this.devices = await push.list();
    } catch (e) {
      this.error = msg('Notifications could not be turned on:', {id: 'push.failed'}) + ' ' + problemText(e);
    } finally {
      this.busy = false;
    }
  }

  async removeDevice(device) {
    try {
      await push.remove(device);
      await this.loadDevices();
    } catch (e) {
      this.error = problemText(e);
    }
  }

  async markRead(n) {
    try {
      await api(`notifications/${encodeURIComponent(n.id)}/read`, {method: 'POST'});
      this.items = this.items.map((i) => (i.id === n.id ? {...i, readAt: new Date().toISOString()} : i));
      this.dispatchEvent(new CustomEvent('sl-inbox-changed', {bubbles: true, composed: true}));
    } catch (e) {
      this.error = problemText(e);
    }
  }

  async readAll() {
    for (const n of this.items.filter((i) => !i.readAt)) {
      await this.markRead(n);
    }
  }
}
customElements.define('sl-inbox', SlInbox);
