// Calls to this origin's /api (the backend-for-frontend). Writes carry the CSRF header; a 401 means signed out.
// Every call names the app's language, so that the services' sentences (a status's why) come in it.
import {getLocale} from './i18n.js';

export const CSRF = {'X-Supplyline-CSRF': '1'};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** True when the request never reached the server (offline, server down). */
export function isNetworkError(e) {
  return e instanceof TypeError || (e instanceof ApiError && (e.status === 502 || e.status === 503 || e.status === 504));
}

export async function api(path, {method = 'GET', body, headers = {}} = {}) {
  const init = {method, headers: {Accept: 'application/json', 'Accept-Language': getLocale(), ...headers}, credentials: 'same-origin'};
  if (method !== 'GET' && method !== 'HEAD') {
    Object.assign(init.headers, CSRF);
  }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/api/${path}`, init);
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent('sl-signed-out'));
    }
    throw new ApiError(response.status, json);
  }
  return {status: response.status, etag: response.headers.get('ETag'), body: json};
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return {detail: text};
  }
}

/** The problem's field errors as one line each ("leftMl: must be …"), or its detail. */
export function problemText(error) {
  const p = error?.problem;
  if (p?.errors?.length) {
    return p.errors.map((e) => `${e.field || e.pointer || ''} ${e.message || ''}`.trim()).join('; ');
  }
  return p?.detail || p?.title || error?.message || String(error);
}

/** A refused request's errors by field path ({'quietHours.end': 'must differ …'}), or its text under ''. */
export function fieldErrors(error) {
  const errors = {};
  for (const fe of error?.problem?.errors || []) {
    errors[fe.field] = fe.message;
  }
  if (!Object.keys(errors).length) {
    errors[''] = problemText(error);
  }
  return errors;
}
