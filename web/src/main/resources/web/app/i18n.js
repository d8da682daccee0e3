// Every string of the app goes through @lit/localize's msg() with an explicit id; English is the source, French
// templates are in locales/fr.js (runtime mode: no build step). Dates, times and numbers use Intl in that locale.

import {configureLocalization} from '@lit/localize';
import * as fr from './locales/fr.js';

export const LOCALES = ['en', 'fr'];
const KEY = 'supplyline.locale';

const {getLocale, setLocale} = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['fr'],
  loadLocale: async () => fr,
});

export {getLocale};

/** The saved choice, else the browser's first language we have, else English. */
export function preferredLocale() {
  const saved = localStorage.getItem(KEY);
  if (LOCALES.includes(saved)) {
    return saved;
  }
  const browser = (navigator.languages || [navigator.language || 'en']).map((l) => l.slice(0, 2).toLowerCase());
  return browser.find((l) => LOCALES.includes(l)) || 'en';
}

export async function useLocale(locale, remember = false) {
  if (remember) {
    localStorage.setItem(KEY, locale);
  }
  document.documentElement.lang = locale;
  await setLocale(locale);
}

export function formatTime(iso) {
  return new Intl.DateTimeFormat(getLocale(), {hour: '2-digit', minute: '2-digit'}).format(new Date(iso));
}

export function formatDateTime(iso) {
  return new Intl.DateTimeFormat(getLocale(), {weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit'})
      .format(new Date(iso));
}

/** A calendar date ('2026-11-02', a parent's local day) as "Mon 2 Nov", never shifted by the browser's zone. */
export function formatDate(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(getLocale(), {weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC'})
      .format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatNumber(n, digits = 0) {
  return new Intl.NumberFormat(getLocale(), {maximumFractionDigits: digits}).format(n);
}

/** "2 h 05 min" / "2 h 05 min" (both languages write it alike). */
export function formatDuration(ms) {
  const minutes = Math.max(0, Math.round(ms / 60000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}
