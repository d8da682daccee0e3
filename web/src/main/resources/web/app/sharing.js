import {LitElement, html} from 'lit';
import {msg, str, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {loadFailed, loadScreen} from './failure.js';
import {api, problemText} from './api.js';
import {formatDateTime} from './i18n.js';

/**
 * Sharing with a lactation consultant: join their cohort with the invite code they gave; the active consents, each
 * with who read the data through it (the access log) and a revoke that cuts their access at once.
 */
export class SlSharing extends LitElement {
  static properties = {failed: {state: true}, 
    consents: {state: true}, logs: {state: true}, error: {state: true}, joined: {state: true}, busy: {state: true},
    offline: {state: true},
  };
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.consents = [];
    this.logs = {};
    this.error = '';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  load() {
    return loadScreen(this, async () => {
      this.consents = (await api('consents')).body.items || [];
    });
  }

  render() {
    return html`
      ${this.failed ? loadFailed() : ''}
      <section class="card" aria-labelledby="join-title">
        <h2 id="join-title">${msg('Share with a lactation consultant', {id: 'sharing.title'})}</h2>
        <p class="muted">${msg('Your consultant gives you an invite code. With it, they see your trend, your status and when you last logged — not your notes — until you stop sharing.', {id: 'sharing.intro'})}</p>
        ${this.offline ? html`<p class="muted">${msg('Offline: sharing can be changed when the network is back.', {id: 'sharing.offline'})}</p>` : ''}
        <form @submit=${this.join} class="row" novalidate>
          <label class="grow">${msg('Invite code', {id: 'sharing.code'})}
            <input name="inviteCode" autocomplete="off" autocapitalize="characters" placeholder="ABCDE-FGHJK" required></label>
          <button type="submit" id="join" ?disabled=${this.busy}>${msg('Share', {id: 'sharing.join'})}</button>
        </form>
        ${this.error ? html`<p class="error" role="alert" id="sharing-error">${this.error}</p>` : ''}
        ${this.joined ? html`<p role="status" id="joined">${msg(str`You now share with ${this.joined.clinicianName} (${this.joined.cohortName}).`, {id: 'sharing.joined'})}</p>` : ''}
      </section>
      <section class="card" aria-labelledby="consents-title">
        <h2 id="consents-title">${msg('Who sees your data', {id: 'sharing.consents'})}</h2>
        ${this.consents.length ? '' : html`<p class="muted" id="no-consents">${msg('Nobody: you share with no one.', {id: 'sharing.none'})}</p>`}
        <ul class="plain" id="consents">${this.consents.map((c) => this.renderConsent(c))}</ul>
      </section>`;
  }

  renderConsent(c) {
    const log = this.logs[c.cohortId];
    return html`<li data-cohort=${c.cohortId}>
      <p><strong>${c.clinicianName}</strong> · ${c.cohortName}<br>
        <span class="muted">${msg(str`Since ${formatDateTime(c.grantedAt)}`, {id: 'sharing.since'})}</span></p>
      <div class="row">
        <button class="secondary show-log" aria-expanded=${log ? 'true' : 'false'} @click=${() => this.toggleLog(c)}>${msg('Who read my data', {id: 'sharing.log'})}</button>
        <button class="danger revoke" @click=${() => this.revoke(c)}>${msg('Stop sharing', {id: 'sharing.revoke'})}</button>
      </div>
      ${log ? html`<ul class="plain access-log">${log.length ? log.map((a) => html`<li>${formatDateTime(a.accessedAt)} · ${a.clinicianName} ·
          ${a.resource === 'trends' ? msg('your trend', {id: 'sharing.readTrend'})
            : a.resource === 'alert' ? msg('an alert about you', {id: 'sharing.readAlert'})
            : msg('the patient list', {id: 'sharing.readList'})}</li>`)
        : html`<li class="muted">${msg('Nobody has read it yet.', {id: 'sharing.notRead'})}</li>`}</ul>` : ''}
    </li>`;
  }

  async join(event) {
    event.preventDefault();
    const form = event.target; // an event from a shadow tree has no target once dispatched
    const code = new FormData(form).get('inviteCode').trim();
    this.error = '';
    this.joined = null;
    if (!code) {
      this.error = msg('Type the code your consultant gave you.', {id: 'sharing.codeMissing'});
      return;
    }
    this.busy = true;
    try {
      this.joined = (await api('consents', {method: 'POST', body: {inviteCode: code}})).body;
      form.reset();
      await this.load();
    } catch (e) {
      this.error = e.status === 404 ? msg('This code is not valid (it may have been replaced). Ask your consultant for the current one.', {id: 'sharing.codeUnknown'})
        : e.status === 400 ? msg('This is not an invite code: a code looks like ABCDE-FGHJK.', {id: 'sharing.codeMalformed'})
          : problemText(e);
    } finally {
      this.busy = false;
    }
  }

  async toggleLog(c) {
    if (this.logs[c.cohortId]) {
      const {[c.cohortId]: _, ...rest} = this.logs;
      this.logs = rest;
      return;
    }
    try {
      const log = (await api(`consents/${encodeURIComponent(c.cohortId)}/access-log?limit=50`)).body.items || [];
      this.logs = {...this.logs, [c.cohortId]: log};
    } catch (e) {
      this.error = problemText(e);
    }
  }

  async revoke(c) {
    if (!confirm(msg(str`Stop sharing with ${c.clinicianName}? They lose access at once.`, {id: 'sharing.revokeConfirm'}))) {
      return;
    }
    try {
      await api(`consents/${encodeURIComponent(c.cohortId)}`, {method: 'DELETE'});
      await this.load();
    } catch (e) {
      this.error = problemText(e);
    }
  }
}
customElements.define('sl-sharing', SlSharing);
