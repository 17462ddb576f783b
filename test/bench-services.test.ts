// The bench's Fig. 6 and R_U issuance over loopback, quick, against a services process of its own:
// what each floor is made of is measured in the run, never left at zero or counted twice. No
// timing is held to a limit here (the bench's figures are judged in bench.json, not in tests).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { servicesBench, servicesText } from '../bench/services.js';
import { backend, defaultBackend } from '../impl/group/group.js';
import { DEFAULT_LABELS } from '../impl/index.js';
import { startServicesChild } from '../services/child.js';
import { tempDir } from './support/temp-dir.js';

// The bench's record has a partition for each default label. An upload asks the SRS for the
// owner's labels, looks its partitions up and checks the upload, then sends each C to the cloud
// and each R_P to the SRS; a read asks the cloud for the file's labels, then for each partition
// fetches C and asks the SRS for R_U.
const PARTITIONS = DEFAULT_LABELS.length;
const UPLOAD_EXCHANGES = 3 + 2 * PARTITIONS;
const READ_EXCHANGES = 1 + 2 * PARTITIONS;

it('builds each floor from the run: the operation in process less its cloud\'s storing, the round trips, the required work', async () => {
  const b = await servicesBench({ quick: true, seed: 'bench-services-test', say: () => undefined });
  // the servers compute on the run's backend, as the floors in process do
  expect(b.backend).toBe(backend().name);
  expect(b.turnaround.map((r) => r.kb)).toEqual([50, 2048]);
  for (const r of b.turnaround) {
    // exchanges as the deployment's tally counted them
    expect([r.exchangesUp, r.exchangesDown]).toEqual([UPLOAD_EXCHANGES, READ_EXCHANGES]);
    // every upload writes durably and signs; every read signs
    expect(r.requiredUp).toBeGreaterThan(0);
    expect(r.requiredDown).toBeGreaterThan(0);
    // the in-process cloud's storing is part of the upload in process, and left out of the floor
    expect(r.inProcessStoringUp).toBeGreaterThan(0);
    expect(r.inProcessStoringUp).toBeLessThan(r.inProcessUp);
    expect(r.floorUp).toBeGreaterThan(r.requiredUp);
    // as many empty round trips as the operation made, timed in a row: each about one alone
    expect(r.roundTripsUp).toBeGreaterThan(r.exchangesUp * r.roundTrip * 0.5);
    expect(r.roundTripsDown).toBeGreaterThan(r.exchangesDown * r.roundTrip * 0.5);
    expect(r.floorDown).toBeGreaterThan(r.requiredDown + r.roundTripsDown);
    // the servers said their time, and it holds their share of the required work
    expect(r.serversUp).toBeGreaterThan(0);
    expect(r.serversDown).toBeGreaterThan(0);
  }
  // C grows 40-fold between the two sizes, and so does the work of storing and hashing it
  expect(b.turnaround[1]!.requiredUp).toBeGreaterThan(b.turnaround[0]!.requiredUp);
  expect(b.turnaround[1]!.inProcessStoringUp).toBeGreaterThan(b.turnaround[0]!.inProcessStoringUp);
  expect(b.load.map((r) => r.clients)).toEqual([1, 4, 16, 64]);
  for (const r of b.load) {
    expect(r.requests).toBeGreaterThanOrEqual(64);
    expect(r.requiredAtSrs).toBeGreaterThan(0);
    expect(r.required).toBeGreaterThan(r.requiredAtSrs);
    expect(r.floorPerSecond).toBeGreaterThan(0);
    // a quick run times one block a count, so the paired ratio is that block's
    expect(r.ratio).toBeCloseTo(r.floorPerSecond / r.perSecond, 10);
  }
  expect(servicesText(b)).toMatch(/reqd/);
}, 180_000);

it('starts the services on the group backend asked for, and on the default when none is', async () => {
  const dir = tempDir('sesphr-services-backend-');
  const asked = await startServicesChild({ dataDir: join(dir, 'mcl'), backend: 'mcl' });
  try {
    expect(asked.backend).toBe('mcl');
  } finally {
    await asked.stop();
  }
  const plain = await startServicesChild({ dataDir: join(dir, 'default') });
  try {
    expect(plain.backend).toBe(defaultBackend().name);
  } finally {
    await plain.stop();
  }
}, 60_000);
