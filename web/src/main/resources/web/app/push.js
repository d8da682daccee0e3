// Notifications on this device: Web Push through the service worker. The notification-service holds the VAPID key
// pair; the browser's push service gets the subscription; the service worker (sw.js) shows what arrives.
import {api} from './api.js';

/** Whether this browser can receive notifications at all. */
export function supported() {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** This browser's push subscription for the app, or null. */
async function current() {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (registration && (await registration.pushManager.getSubscription())) || null;
}

/** 'unsupported', 'denied', 'on' (this device is among the user's `devices`) or 'off'. */
export async function state(devices) {
  if (!supported()) {
    return 'unsupported';
  }
  if (Notification.permission === 'denied') {
    return 'denied';
  }
  const subscription = await current();
  return subscription && devices.some((d) => d.endpoint === subscription.endpoint) ? 'on' : 'off';
}

/** Asks for permission, subscribes with the server's key and registers the subscription; answers the new state. */
export async function enable(label) {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    return permission === 'denied' ? 'denied' : 'off';
  }
  const registration = await navigator.serviceWorker.ready;
  const {publicKey} = (await api('push/public-key')).body;
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !(await list()).some((d) => d.endpoint === subscription.endpoint)) {
    // another account's subscription on a shared device: this account gets an endpoint of its own
    await subscription.unsubscribe();
    subscription = null;
  }
  if (!subscription) {
    subscription = await registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: bytes(publicKey)});
  }
  await api('push/subscriptions', {method: 'POST', body: {...subscription.toJSON(), label}});
  return 'on';
}

/** The user's registered devices: id, endpoint (shown as its host only), label, createdAt. */
export async function list() {
  return (await api('push/subscriptions')).body.items || [];
}

/** Stops pushes to a device; when it is this one, the browser's subscription goes too. */
export async function remove(device) {
  await api(`push/subscriptions/${encodeURIComponent(device.id)}`, {method: 'DELETE'});
  const subscription = await current();
  if (subscription && subscription.endpoint === device.endpoint) {
    await subscription.unsubscribe();
  }
}

/** At sign-out: this device stops receiving the account's notifications (the server forgets it, the browser too). */
export async function forgetThisDevice() {
  if (!supported()) {
    return;
  }
  const subscription = await current();
  if (!subscription) {
    return;
  }
  const device = (await list()).find((d) => d.endpoint === subscription.endpoint);
  if (device) {
    await remove(device);
  } else {
    await subscription.unsubscribe();
  }
}

/** A short name for this device, so that the list tells phone from laptop. */
export function deviceLabel() {
  const ua = navigator.userAgent;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS'
    : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : '';
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome'
    : /Safari\//.test(ua) ? 'Safari' : '';
  return [browser, os].filter(Boolean).join(' · ') || 'Browser';
}

function bytes(base64url) {
  const padded = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}
