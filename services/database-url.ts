// The PostgreSQL url `serve --postgres` takes, as it may be read and as it may be shown: a message
// that names the database never carries its password.

/** A postgres:// or postgresql:// url (the form node-postgres documents for a connection string;
 *  with no host, as in `postgres:///db?host=/var/run/postgresql`, it reaches a local socket). */
export function isDatabaseUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'postgres:' || u.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/** The url with its password, if it has one, replaced by `***`: in the authority, or as the
 *  `password` parameter node-postgres also reads from the query. */
export function shownDatabaseUrl(url: string): string {
  let shown = url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    shown = u.toString();
  } catch {
    // not a url (a password holding '/' or '#' breaks the parse): read on as text
  }
  return shown
    // after a scheme, everything between the user's colon and the last '@' (a password may hold '/' and '@')
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*):.*@/is, '$1:***@')
    // what has no scheme (`user:secret@host`) may still hold a password between a colon and an @
    .replace(/:[^:@/]*@/g, ':***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}
