// The running timer lives in localStorage: it survives a reload, a closed tab and going offline.

const KEY = 'supplyline.timer';

export function running() {
  try {
    const timer = JSON.parse(localStorage.getItem(KEY));
    return timer && timer.type && timer.startedAt ? timer : null;
  } catch {
    return null;
  }
}

export function start(type) {
  const timer = {type, startedAt: new Date().toISOString()};
  localStorage.setItem(KEY, JSON.stringify(timer));
  return timer;
}

export function clear() {
  localStorage.removeItem(KEY);
}

/** "1:05:09" or "12:04". */
export function elapsed(fromIso, now = Date.now()) {
  const total = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
