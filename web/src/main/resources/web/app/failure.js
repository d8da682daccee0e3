import {html} from 'lit';
import {msg} from '@lit/localize';
import {isNetworkError} from './api.js';

/** What a screen says when its data did not come (a server error, a refusal): never an endless "Loading…". */
export function loadFailed() {
  return html`<section class="card"><p class="error" role="alert" id="load-failed">${msg('This screen could not load. Try again in a moment.', {id: 'app.loadFailed'})}</p></section>`;
}

/**
 * Runs a screen's load: a network error marks it offline (it says so and waits for the network), any other marks it
 * failed (it shows `loadFailed`); never rethrown, never an endless "Loading…".
 */
export async function loadScreen(screen, load) {
  try {
    await load();
    screen.offline = false;
  } catch (e) {
    if (isNetworkError(e)) {
      screen.offline = true;
    } else {
      console.warn('Not loaded:', e);
      screen.failed = true;
    }
  }
}
