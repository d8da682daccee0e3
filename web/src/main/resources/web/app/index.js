// Entry point: the language first, then the app; the service worker keeps the shell for offline starts.
import {preferredLocale, useLocale} from './i18n.js';
import './app-shell.js';

useLocale(preferredLocale());

window.addEventListener('unhandledrejection', (e) => console.error('Unhandled:', e.reason));

if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', {scope: '/'}).catch((e) => console.warn('No offline mode:', e));
  });
}
