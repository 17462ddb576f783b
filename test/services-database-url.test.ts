// A database url as messages show it: never with its password, wherever the password is written.
import { describe, expect, it } from 'vitest';
import { isDatabaseUrl, shownDatabaseUrl } from '../services/database-url.js';

describe('a database url as shown', () => {
  it.each([
    ['postgres://bob:hunter2@db:5432/phr', 'postgres://bob:***@db:5432/phr'],
    // a password holding '/' is no url at all, one holding '@' or ':' is read as far as the last '@'
    ['postgres://bob:hun/ter2@db/phr', 'postgres://bob:***@db/phr'],
    ['postgres://bob:hun@ter2@db/phr', 'postgres://bob:***@db/phr'],
    ['postgres://bob:hun:ter2@db/phr', 'postgres://bob:***@db/phr'],
    ['postgres://bob:hun#ter2@db/phr', 'postgres://bob:***@db/phr'],
    // the password as a parameter
    ['postgres:///phr?host=/var/run/postgresql&user=bob&password=hunter2', 'postgres:///phr?host=/var/run/postgresql&user=bob&password=***'],
    ['bob:hunter2@db', 'bob:***@db'],
    ['postgres://db/phr', 'postgres://db/phr'],
  ])('%s is shown as %s', (url, shown) => {
    expect(shownDatabaseUrl(url)).toBe(shown);
    expect(shownDatabaseUrl(url)).not.toMatch(/hunter2|ter2|hun/);
  });

  it('is a url of PostgreSQL only', () => {
    expect(isDatabaseUrl('postgresql://db/phr')).toBe(true);
    expect(isDatabaseUrl('mysql://db/phr')).toBe(false);
  });
});
