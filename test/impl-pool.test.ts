// The worker pool changes where the arithmetic runs, never what comes out: batch key generation
// and batch R_U requests leave the SRS exactly as the sequential calls do, answer for answer, with
// the calling thread and the workers each doing a share.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Cloud, PatientClient, Srs, UserClient, decodeGT, deterministicRandom, encodeG1, encodeG2, encodeGT, g1, g2, gt, isSesphrError, zPow, type ReadOutcome } from '../impl/index.js';
import { CryptoPool } from '../impl/tools/pool.js';
import { AuditLog } from '../impl/modules/audit.js';
import { threadCpu } from '../bench/timing.js';

const pool = new CryptoPool(2);
afterAll(() => pool.close());

function srsWithMembers(seed: string, n: number): { srs: Srs; ids: string[] } {
  const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom(seed) });
  srs.registerOwner('patient');
  const ids = Array.from({ length: n }, (_, i) => `u${i}`);
  for (const id of ids) srs.register(id, 'patient', 'family');
  return { srs, ids };
}

describe('CryptoPool', () => {
  it('mulBase gives the encoded g1.mul(k) and g2.mul(k), in order', async () => {
    const ks = [1n, 2n, 123456789n, 2n ** 200n + 7n, 99n];
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect((await pool.mulBase('g1', ks.length, (i) => ks[i]!)).map(hex)).toEqual(ks.map((k) => hex(encodeG1(g1.mul(k)))));
    expect((await pool.mulBase('g2', ks.length, (i) => ks[i]!)).map(hex)).toEqual(ks.map((k) => hex(encodeG2(g2.mul(k)))));
  });

  it('genKeys leaves the SRS as genKey on each in order', async () => {
    const a = srsWithMembers('pool-keys', 7);
    const b = srsWithMembers('pool-keys', 7);
    for (const id of ['patient', ...a.ids]) a.srs.genKey(id);
    await b.srs.genKeys(['patient', ...b.ids], pool);
    expect(b.srs.stateDigest()).toBe(a.srs.stateDigest());
    await expect(b.srs.genKeys(['u0'], pool)).rejects.toThrow(/already generated/);
    expect(b.srs.stateDigest()).toBe(a.srs.stateDigest());
  });

  it('genKeys writes the audit log genKey writes, entry for entry', async () => {
    const logs = [AuditLog.inMemory(), AuditLog.inMemory()];
    const [a, b] = logs.map((audit) => {
      const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('pool-keys-audit'), audit });
      srs.registerOwner('patient');
      for (let i = 0; i < 5; i++) srs.register(`u${i}`, 'patient', 'family');
      return srs;
    });
    const ids = ['patient', 'u0', 'u1', 'u2', 'u3', 'u4'];
    for (const id of ids) a!.genKey(id);
    await b!.genKeys(ids, pool);
    expect(logs[1]!.text()).toBe(logs[0]!.text());
    expect(logs[1]!.text().match(/key-generated/g)).toHaveLength(6);
  });

  it('genKeys with the workers multiplying while the SRS still draws: the same keys in the same order', async () => {
    const a = srsWithMembers('pool-keys-chunks', 1100);
    const b = srsWithMembers('pool-keys-chunks', 1100);
    for (const id of a.ids) a.srs.genKey(id);
    await b.srs.genKeys(b.ids, pool);
    expect(b.srs.stateDigest()).toBe(a.srs.stateDigest());
    // the draws are published 16 at a time up to 64, then 64 at a time
    for (const id of ['u0', 'u15', 'u16', 'u63', 'u64', 'u127', 'u128', 'u1087', 'u1088', 'u1099']) expect(b.srs.sendKeys(id)).toEqual(a.srs.sendKeys(id));
  });

  it('a draw refused after the workers started leaves no key generated', async () => {
    const good = deterministicRandom('pool-keys-bad');
    let drawn = 0;
    const rng = { ...good, scalar: () => (++drawn === 700 ? 0n : good.scalar()), bytes: (n: number) => good.bytes(n) };
    const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng });
    srs.registerOwner('patient');
    const ids = Array.from({ length: 1000 }, (_, i) => `u${i}`);
    for (const id of ids) srs.register(id, 'patient', 'family');
    const before = srs.stateDigest();
    await expect(srs.genKeys(ids, pool)).rejects.toThrow(/scalar must be in \[1, q-1\]/);
    expect(drawn).toBe(700);
    expect(srs.stateDigest()).toBe(before);
  });

  it('a draw refused while a worker waits for it ends the call, and frees the worker', async () => {
    // the refusal after the worker's spin (2 ms), when it sleeps, and within it, while it spins
    for (const ms of [20, 0.5, 0.5, 0.5, 0.5]) {
      await pool.handOff();
      await expect(
        pool.mulBase('g1', 100, (i) => {
          if (i < 16) return BigInt(i + 1);
          // the first 16 are published: give the worker time to do them and wait for the 17th
          const t0 = performance.now();
          while (performance.now() - t0 < ms);
          throw new Error('no randomness');
        }),
      ).rejects.toThrow('no randomness');
      // a worker still waiting for a draw would never have this message (handOff gives up after 10 s)
      expect(await pool.handOff()).toBeLessThan(10);
    }
    expect(await pool.mulBase('g1', 2, (i) => BigInt(i + 5))).toEqual([5n, 6n].map((k) => encodeG1(g1.mul(k))));
  });

  it('requestRUBatch answers as requestRU does, refusals included, and changes nothing else', async () => {
    const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('pool-ru') });
    const cloud = new Cloud();
    const owner = new PatientClient('patient', { srs, cloud, rng: deterministicRandom('pool-ru/owner') });
    owner.register();
    owner.genKey();
    owner.sendKeys();
    for (const [id, role] of [['fam', 'family'], ['doc', 'doctor'], ['ins', 'insurer']] as const) {
      const u = new UserClient(id, { srs, cloud });
      u.register('patient', role);
      u.genKey();
      u.sendKeys();
      owner.approve(id);
    }
    owner.upload('f1', { personal: 'a', medical: 'b', insurance: 'c', prescription: 'd' });
    owner.upload('f2', { medical: 'e', insurance: 'f' });
    const reqs = ['fam', 'doc', 'ins', 'nobody'].flatMap((user) =>
      ['f1', 'f2', 'f3'].flatMap((file) => ['personal', 'medical', 'insurance', 'prescription'].map((label) => ({ user, file, label }))),
    );
    const before = srs.stateDigest();
    const batch = await srs.requestRUBatch(reqs, pool);
    const afterBatch = srs.stateDigest();
    const one = reqs.map((r) => srs.requestRU(r.user, r.file, r.label));
    expect(batch).toEqual(one);
    expect(batch.filter((r) => r.granted).length).toBeGreaterThan(5);
    expect(batch.filter((r) => !r.granted).length).toBeGreaterThan(5);
    expect(afterBatch).toBe(before);
  });

  it('powGT validates each element as decodeGT does and raises it, refusals naming the field and never the bytes', async () => {
    const a = encodeGT(zPow(123456789n));
    const notGT = Uint8Array.from(a);
    notGT[575] ^= 1;
    const one = encodeGT(zPow(0n));
    const got = await pool.powGT([
      { a, field: 'RU(a)', k: 987654321n },
      { a: notGT, field: 'RU(b)', k: 5n },
      { a: one, field: 'RU(c)', k: 5n },
      { a, field: 'RU(d)', k: 1n },
    ]);
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(got[0]).toEqual({ ok: true, value: encodeGT(gt.pow(decodeGT(a, 'RU'), 987654321n)) });
    expect(got[1]).toMatchObject({ ok: false, code: 'NOT_IN_SUBGROUP', field: 'RU(b)' });
    expect(got[2]).toMatchObject({ ok: false, code: 'IDENTITY_ELEMENT', field: 'RU(c)' });
    expect(got[3]).toEqual({ ok: true, value: a });
    for (const r of got) if (!r.ok) expect(r.message).not.toContain(hex(notGT).slice(0, 32));
  });

  it('requestAndDecrypt reads as requestRU then decrypt per label, refusals included, leaving the same state', async () => {
    const world = (withKey = true) => {
      const srs = new Srs({ variant: 'srs-keys', policy: 'history', rng: deterministicRandom('pool-read') });
      const cloud = new Cloud();
      const owner = new PatientClient('patient', { srs, cloud, rng: deterministicRandom('pool-read/owner') });
      owner.register();
      owner.genKey();
      owner.sendKeys();
      const u = new UserClient('doc', { srs, cloud });
      u.register('patient', 'doctor');
      u.genKey();
      if (withKey) u.sendKeys();
      owner.approve('doc');
      owner.upload('f1', { personal: 'a', medical: 'b', insurance: 'c', prescription: 'd' });
      owner.upload('f1', { medical: 'b2' }); // version 2 of one label
      // a malicious cloud serves personal's C with one ciphertext byte flipped: the batch refuses it as decrypt does
      const good = cloud.get('f1', 'personal');
      const bad = Uint8Array.from(good);
      bad[good.length - 20] ^= 1;
      cloud.put({ owner: 'patient', file: 'f1', label: 'personal', c: bad });
      for (const l of ['personal', 'medical', 'insurance']) u.downloadC('f1', l); // prescription's C not downloaded
      return { srs, u };
    };
    const labels = ['personal', 'medical', 'insurance', 'prescription', 'nosuch'];
    const perLabel = (a: ReturnType<typeof world>) => labels.map((label): ReadOutcome => {
      try {
        const res = a.u.requestRU('f1', label);
        if (!res.granted) return { label, status: 'refused', code: res.code, reason: res.reason };
        return { label, status: 'read', bytes: a.u.decrypt('f1', label, res.version), version: res.version };
      } catch (e) {
        if (!isSesphrError(e)) throw e;
        return { label, status: 'refused', code: e.code, reason: e.message };
      }
    });
    const a = world();
    const one = perLabel(a);
    const b = world();
    const batch = await b.u.requestAndDecrypt('f1', labels, pool);
    expect(batch).toEqual(one);
    expect(batch.filter((r) => r.status === 'read').length).toBeGreaterThan(0);
    expect(batch.filter((r) => r.status === 'refused').map((r) => [r.label, r.status === 'refused' && r.code])).toEqual([
      ['personal', 'AUTH_FAILED'],
      ['insurance', 'NOT_GRANTED'],
      ['prescription', 'WRONG_STEP'],
      ['nosuch', 'NO_SUCH_PARTITION'],
    ]);
    expect(b.u.stateDigest()).toBe(a.u.stateDigest());
    expect(b.srs.stateDigest()).toBe(a.srs.stateDigest());
    // an R_U validated by a worker and kept as bytes still decrypts on its own
    const read = batch.find((r) => r.status === 'read')!;
    expect(b.u.decrypt('f1', read.label)).toEqual((read as { bytes: Uint8Array }).bytes);

    // a client holding no secret key: each granted label refused as decrypt refuses it, the others as the SRS did
    const c = world(false), d = world(false);
    const without = perLabel(c);
    const batchWithout = await d.u.requestAndDecrypt('f1', labels, pool);
    expect(batchWithout).toEqual(without);
    expect(batchWithout.map((r) => r.status === 'refused' && r.code)).toEqual(['MISSING_KEY', 'MISSING_KEY', 'NOT_GRANTED', 'WRONG_STEP', 'NO_SUCH_PARTITION']);
    expect(d.u.stateDigest()).toBe(c.u.stateDigest());
    expect(d.srs.stateDigest()).toBe(c.srs.stateDigest());
  });

  it('the workers take a share of a large batch, and the calling thread the rest', async () => {
    await pool.handOff(); // the workers are up
    const before = { ...pool.counts };
    const ks = Array.from({ length: 4000 }, (_, i) => BigInt(i) * 7919n + 1n);
    const got = await pool.mulBase('g1', ks.length, (i) => ks[i]!);
    expect(got.slice(0, 3)).toEqual(ks.slice(0, 3).map((k) => encodeG1(g1.mul(k))));
    expect(got[3999]).toEqual(encodeG1(g1.mul(ks[3999]!)));
    const caller = pool.counts.caller - before.caller;
    const workers = pool.counts.workers - before.workers;
    expect(caller + workers + pool.counts.redone - before.redone).toBe(4000);
    expect(caller).toBeGreaterThan(0);
    expect(workers).toBeGreaterThan(0);
  });

  it('an element a worker refuses is refused again by the calling thread, with its own error', async () => {
    const notGT = encodeGT(zPow(5n));
    notGT[575] ^= 1;
    const jobs = Array.from({ length: 200 }, (_, i) => ({ a: notGT, field: `RU(${i})`, k: 3n }));
    const expected = jobs.map(({ field }) => ({ ok: false, code: 'NOT_IN_SUBGROUP', field }));
    // Until a worker has taken some of them. A refusal is quick, so the calling thread can finish a
    // batch alone while a worker is still waking on a loaded machine: each round first hands every
    // worker a message and waits until all have it, so they are awake and spinning when it starts.
    for (let round = 0; round < 20; round++) {
      await pool.handOff();
      const before = pool.counts.redone;
      const got = await pool.powGT(jobs);
      expect(got).toMatchObject(expected);
      if (pool.counts.redone > before) return;
    }
    expect.unreachable('no worker took a job in twenty batches');
  });

  it('the hand-off: every worker has a message, and the time until the last had it', async () => {
    const s = await pool.handOff();
    // after the message was handed out: a worker that wrote no arrival would give 0
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(10);
    const alone = new CryptoPool(1);
    expect(await alone.handOff()).toBe(0);
    expect(await alone.mulBase('g1', 3, (i) => BigInt(i + 1))).toEqual([1n, 2n, 3n].map((k) => encodeG1(g1.mul(k))));
    expect(alone.counts).toEqual({ caller: 3, workers: 0, redone: 0 });
    await alone.close();
    for (const size of [0, 1.5, -2]) expect(() => new CryptoPool(size)).toThrow(/size must be a whole number of threads/);
    for (const spinMs of [-1, Number.NaN, Infinity]) expect(() => new CryptoPool(2, { spinMs })).toThrow(/spinMs must be a number of ms/);
  });

  it('the hand-off spins for the answer before it sleeps, as the pool\'s other waits do', async () => {
    const p = new CryptoPool(2, { spinMs: 2000 });
    try {
      await p.handOff(); // the worker is up
      const spy = vi.spyOn(Atomics, 'wait');
      try {
        for (let i = 0; i < 5; i++) await p.handOff();
        // a spinning worker answers in microseconds, well within the 2 s the calling thread spins
        expect(spy).not.toHaveBeenCalled();
      } finally {
        spy.mockRestore();
      }
    } finally {
      await p.close();
    }
    // with spinMs 0 the wait sleeps at once (test/impl-doorbell.test.ts, waitForCount, on a count
    // raised late enough that it must: here a worker can answer before the calling thread first looks)
  }, 60_000);

  it('a small batch, handed out before its draws (spinning workers) or after them (sleeping ones): the same keys, and a refused draw frees the worker', async () => {
    const ks = Array.from({ length: 10 }, (_, i) => BigInt(1000 + i));
    const expected = ks.map((k) => encodeG1(g1.mul(k)));
    for (const spinMs of [0, 2]) {
      const p = new CryptoPool(2, { spinMs });
      try {
        await p.handOff();
        for (let round = 0; round < 20; round++) expect(await p.mulBase('g1', ks.length, (i) => ks[i]!)).toEqual(expected);
        // nothing of this batch was ever published: a worker waiting for it is freed by the stop
        await expect(
          p.mulBase('g1', ks.length, (i) => {
            if (i === 5) throw new Error('no randomness');
            return ks[i]!;
          }),
        ).rejects.toThrow('no randomness');
        expect(await p.handOff()).toBeLessThan(10);
        expect(await p.mulBase('g1', 3, (i) => ks[i]!)).toEqual(expected.slice(0, 3));
      } finally {
        await p.close();
      }
    }
  });

  it('a worker spins a short while after a call, then sleeps, and wakes for the next call', async () => {
    const otherThreadsCpu = () => {
      const all = threadCpu();
      all.delete(String(process.pid));
      return all;
    };
    // 256 keys keep the calling thread busy for some milliseconds, so a worker woken on a loaded
    // machine still finds items left
    const ks = Array.from({ length: 256 }, (_, i) => BigInt(i + 1));
    const expected = ks.map((k) => encodeG1(g1.mul(k)));
    const call = (p: CryptoPool) => p.mulBase('g1', ks.length, (i) => ks[i]!);
    for (const spinMs of [0, 2]) {
      const p = new CryptoPool(2, { spinMs });
      try {
        await p.handOff(); // the worker has started
        // the worker took part (the calling thread may take a whole call before it wakes)
        for (let round = 0; round < 50 && p.counts.workers === 0; round++) expect(await call(p)).toEqual(expected);
        expect(p.counts.workers).toBeGreaterThan(0);
        // idle for 300 ms: a worker that kept spinning would spend about that much CPU
        const before = otherThreadsCpu();
        await new Promise((r) => setTimeout(r, 300));
        const after = otherThreadsCpu();
        const busiest = Math.max(0, ...[...after].map(([tid, t]) => t - (before.get(tid) ?? t)));
        expect(busiest).toBeLessThan(0.1);
        // asleep, it wakes for a message (handOff gives up after 10 s) and does its share of calls again
        expect(await p.handOff()).toBeLessThan(10);
        const workers = p.counts.workers;
        for (let round = 0; round < 50 && p.counts.workers === workers; round++) {
          await new Promise((r) => setTimeout(r, 20));
          expect(await call(p)).toEqual(expected);
        }
        expect(p.counts.workers).toBeGreaterThan(workers);
      } finally {
        await p.close();
      }
    }
  });

  it('close ends workers that are spinning and workers that are asleep', async () => {
    const spinning = new CryptoPool(3, { spinMs: 60_000 });
    const asleep = new CryptoPool(3, { spinMs: 0 });
    for (const p of [spinning, asleep]) await p.handOff();
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all([spinning.close(), asleep.close()]);
    // a closed pool still answers, on the calling thread alone, without waiting for the workers
    const caller = spinning.counts.caller;
    expect(await spinning.mulBase('g1', 40, (i) => BigInt(i + 1))).toHaveLength(40);
    expect(spinning.counts.caller - caller).toBe(40);
  });
});
