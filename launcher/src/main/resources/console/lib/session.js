// The signed-in user. The token lives in this module's memory only: never in the URL, in
// localStorage/sessionStorage, in a cookie or in a log. Reloading the page signs out.
let token = null;
let me = null;
const ORDER = ['viewer', 'officer', 'admin'];

export function signedIn() {
  return token !== null && me !== null;
}

export function user() {
  return me;
}

export function authHeader() {
  return token === null ? {} : {Authorization: 'Bearer ' + token};
}

export async function signIn(candidate) {
  const res = await fetch('/api/v1/me', {headers: {Authorization: 'Bearer ' + candidate, Accept: 'application/json'}});
  if (!res.ok) return res.status;
  token = candidate;
  me = await res.json();
  return 200;
}

export function signOut() {
  token = null;
  me = null;
}

// can('officer'): the user's role includes that role (the server enforces the same).
export function can(role) {
  return me !== null && ORDER.indexOf(me.role) >= ORDER.indexOf(role);
}
