// The parties and coalitions the oracle checks after every step: each principal and
// outsider alone, the SRS, the cloud, SRS+cloud, each user with the SRS, and each joiner with the
// cloud (the "revoked user + cloud" coalition: checked whether or not the user is revoked yet, so
// the list does not depend on the state).
import { type NetConfig, hasModule } from '../model/config.js';
import { CLOUD, SRS, TPA } from '../model/terms.js';
import { type Universe, patientIds, patientsOf } from '../model/universe.js';

export interface Coalition {
  readonly name: string;
  readonly parties: readonly string[];
}

export function coalitionsOf(U: Universe, cfg?: NetConfig): Coalition[] {
  const one = (p: string): Coalition => ({ name: p, parties: [p] });
  const users = U.users.map((u) => u.id);
  return [
    ...patientIds(U).map(one), ...users.map(one), one(SRS), one(CLOUD),
    { name: `${SRS}+${CLOUD}`, parties: [SRS, CLOUD] },
    ...users.map((u) => ({ name: `${u}+${SRS}`, parties: [u, SRS] })),
    ...users.filter((u) => patientsOf(U, u).length).map((u) => ({ name: `${u}+${CLOUD}`, parties: [u, CLOUD] })),
    // tpa module: the auditor alone, and with the cloud whose blocks it is shown
    ...(cfg && hasModule(cfg, 'tpa') ? [one(TPA), { name: `${TPA}+${CLOUD}`, parties: [TPA, CLOUD] }] : []),
  ];
}
