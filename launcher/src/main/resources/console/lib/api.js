import {authHeader, signOut} from './session.js';

export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details || [];
  }
}

// JSON API call with the in-memory bearer token. 401 signs out and goes to the sign-in view.
export async function api(method, path, body) {
  const headers = Object.assign({Accept: 'application/json'}, authHeader());
  const init = {method, headers, credentials: 'omit'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(path, init);
  if (res.status === 401) {
    signOut();
    const here = window.location.hash.replace(/^#\/?/, '');
    window.location.hash = '#/signin' + (here && !here.startsWith('signin') ? '?next=' + encodeURIComponent(here) : '');
    throw new ApiError(401, 'unauthorized');
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new ApiError(res.status, data && data.error ? data.error : 'HTTP ' + res.status, data && data.details);
  }
  return data;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);
