import {html} from 'lit';
import {msg} from '@lit/localize';

/** What a screen says when its data did not come (a server error, a refusal): never an endless "Loading…". */
export function loadFailed() {
  return html`<section class="card"><p class="error" role="alert" id="load-failed">${msg('This screen could not load. Try again in a moment.', {id: 'app.loadFailed'})}</p></section>`;
}
