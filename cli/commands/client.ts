// `sesphr client <verb>`: the patient and user clients against a running deployment, over HTTP or
// HTTPS only. Each principal's keys live in --home (one 0600 file each); --as names who acts.
// A read writes plaintexts only into --out, never to the terminal or a log.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ROLES, SesphrError, checkId, checkRole, paperConfig, type Policy, type Variant } from '../../impl/index.js';
import type { Deployment } from '../../services/remote-parties.js';
import { info } from '../deployment.js';
import { UsageError, parseServiceUrl } from '../options.js';
import { checkOutputDir, readInputFile } from '../paths.js';
import { writeFileAtomic } from '../../output/atomic-file.js';

/** The largest document `upload` reads: it is read whole as text, which V8 caps at 512 MiB, and the
 *  cloud takes sealed partitions of up to 64 MiB each by default, so four of them. */
const MAX_PHR_BYTES = 256 * 2 ** 20;

interface Common {
  srs: string;
  cloud?: string;
  home: string;
  as: string;
}

async function deployment(o: Common): Promise<{ d: Deployment; variant: Variant; policy: Policy }> {
  const srsUrl = parseServiceUrl('--srs', o.srs);
  const s = await info(srsUrl, '--srs');
  if (s.service !== 'srs') throw new UsageError(`--srs ${srsUrl} is a ${String(s.service)} service, not the SRS`);
  const cloudUrl = o.cloud ?? (s.cloudUrl as string | undefined);
  if (!cloudUrl) throw new UsageError(`the SRS at ${srsUrl} advertises no cloud: give --cloud <url>`);
  const d = { srsUrl, cloudUrl: parseServiceUrl(o.cloud ? '--cloud' : 'the advertised cloud url', cloudUrl) };
  return { d, variant: s.variant as Variant, policy: s.policy as Policy };
}

/** A step the deployment refuses is the user's to change: one line with the protocol's code (the
 *  README's bad-input exit status), never a stack trace. Messages name ids and tokens, no bytes.
 *  The wire's own refusals (4xx: a body too large, a signature refused) are the same; a service
 *  that failed (5xx) or did not answer is not the user's input, and stays an error (exit 1). */
function refusedAsUsage<A extends unknown[]>(run: (...a: A) => Promise<void>): (...a: A) => Promise<void> {
  return async (...a) => {
    try {
      await run(...a);
    } catch (e) {
      if (e instanceof SesphrError) throw new UsageError(`refused ${e.code}: ${e.message}`);
      const { HttpError } = await import('../../services/errors.js');
      if (e instanceof HttpError && e.status >= 400 && e.status < 500) throw new UsageError(`refused ${e.code}: ${e.message}`);
      throw e;
    }
  };
}

export function register(program: Command): void {
  const client = program.command('client').description('patient and user clients of a running deployment (`sesphr serve`), over HTTP or HTTPS only');
  const verb = (name: string, description: string) =>
    client
      .command(name)
      .description(description)
      .requiredOption('--as <id>', 'the principal acting (its keys are in --home)')
      .option('--srs <url>', 'the SRS', 'http://127.0.0.1:7301')
      .option('--cloud <url>', 'the cloud (default: the one the SRS advertises)')
      .option('--home <dir>', 'where this machine keeps its principals\' keys', '.sesphr-client');
  // The client library is loaded by the verbs that use it: other commands start without it.
  // What is given on this machine is checked before the deployment is asked anything.
  const setup = async (o: Common) => {
    try {
      checkId(o.as, '--as');
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    checkOutputDir('--home', o.home);
    const lib = await import('../../services/keyring.js');
    return { lib, ring: new lib.Keyring(o.home), ...(await deployment(o)) };
  };
  const patient = async (o: Common) => {
    const s = await setup(o);
    return { ...s, p: s.lib.clientFor(s.lib.KeyedPatient, s.ring, o.as, s.d, s.variant, s.policy) };
  };
  const user = async (o: Common) => {
    const s = await setup(o);
    return { ...s, u: s.lib.clientFor(s.lib.KeyedUser, s.ring, o.as, s.d, s.variant, s.policy) };
  };

  verb('register-owner', 'Register(P): the patient registers with the paper\'s labels and default access').action(refusedAsUsage(async (o: Common) => {
    const { p } = await patient(o);
    p.register(paperConfig());
    console.log(`registered owner ${o.as}`);
  }));
  verb('register', 'Register(u): a user asks to join an owner\'s circle').requiredOption('--owner <id>', 'the patient').requiredOption('--role <role>', ROLES.join(' | '))
    .action(refusedAsUsage(async (o: Common & { owner: string; role: string }) => {
      const role = (() => { try { return checkRole(o.role); } catch { throw new UsageError(`--role '${o.role}' is not one of: ${ROLES.join(', ')}`); } })();
      const { u } = await user(o);
      u.register(o.owner, role);
      console.log(`${o.as} asked to join ${o.owner} as ${role}; the owner approves`);
    }));
  // Run again after a run cut short (the answer of a step lost, the process stopped), it goes on
  // from where that run got to; after a re-joining (a new key generation) it makes the new pair.
  // The SRS's public key of the principal's current generation says which: a pair kept here that
  // matches it is kept.
  verb('keys', 'Gen_Key and Send_Keys: srs-keys fetches the pair from the SRS; owner-keys makes it here and deposits pk; run again, it completes what an earlier run left').action(refusedAsUsage(async (o: Common) => {
    const { lib, ring, u, d, variant, policy } = await user(o);
    const deposited = lib.depositedKey(ring, o.as, d, variant, policy);
    const mine = u.heldPublicKey();
    if (deposited && mine && Buffer.from(deposited).equals(mine)) {
      console.log(`${o.as} holds its key pair already (kept in ${o.home})`);
      return;
    }
    if (variant === 'srs-keys') {
      // none kept, or one of an earlier key generation: the SRS's pair of now, drawn here unless an
      // earlier run had it drawn and its Send_Keys never arrived
      try {
        u.genKey();
      } catch (e) {
        if (!(e instanceof SesphrError && e.code === 'WRONG_STEP')) throw e;
      }
      u.sendKeys();
      ring.keepSecretKey(o.as, u.heldSecret()!);
    } else {
      if (deposited) throw new UsageError(`the SRS holds a public key for ${o.as} whose secret key is not kept in ${o.home}: that pair cannot be used`);
      // a new pair (a key kept here was never deposited, or is of an earlier generation), kept
      // before its public key leaves: a run stopped after the deposit still has it
      const fresh = lib.clientFor(lib.KeyedUser, ring, o.as, d, variant, policy, false);
      fresh.genKey();
      ring.keepSecretKey(o.as, fresh.heldSecret()!);
      fresh.sendKeys();
    }
    console.log(`${o.as} holds its key pair (kept in ${o.home})`);
  }));
  verb('approve', 'Approve(u) (owner-keys: RK computed here from pk_U)').requiredOption('--user <id>', 'the user').action(refusedAsUsage(async (o: Common & { user: string }) => {
    const { p } = await patient(o);
    p.approve(o.user);
    console.log(`${o.as} approved ${o.user}`);
  }));
  verb('grant', 'Grant(u,i): one more label').requiredOption('--user <id>', 'the user').requiredOption('--label <label>', 'the partition label').action(refusedAsUsage(async (o: Common & { user: string; label: string }) => {
    const { p } = await patient(o);
    p.grant(o.user, o.label);
    console.log(`${o.as} granted ${o.label} to ${o.user}`);
  }));
  verb('ungrant', 'Ungrant(u,i): narrow u\'s access by one label; later uploads of it are not for u').requiredOption('--user <id>', 'the user').requiredOption('--label <label>', 'the partition label').action(refusedAsUsage(async (o: Common & { user: string; label: string }) => {
    const { p } = await patient(o);
    p.ungrant(o.user, o.label);
    console.log(`${o.as} took ${o.label} from ${o.user}`);
  }));
  verb('except', 'Except_Policy(u): u\'s backward access runs the other way than the SRS\'s policy (history or from its joining on)').requiredOption('--user <id>', 'the user').action(refusedAsUsage(async (o: Common & { user: string }) => {
    const { p } = await patient(o);
    p.except(o.user);
    console.log(`${o.as} set the backward-access exception for ${o.user}`);
  }));
  verb('revoke', 'Revoke(u)').requiredOption('--user <id>', 'the user').action(refusedAsUsage(async (o: Common & { user: string }) => {
    const { p } = await patient(o);
    p.revoke(o.user);
    console.log(`${o.as} revoked ${o.user}`);
  }));
  verb('upload', 'rules 25-29: partition, seal, send C to the cloud and R_P to the SRS').requiredOption('--file <id>', 'the file id').requiredOption('--phr <path>', 'the document (XML or JSON, one element per label)')
    .action(refusedAsUsage(async (o: Common & { file: string; phr: string }) => {
      const text = readInputFile('--phr', o.phr, MAX_PHR_BYTES);
      const { p } = await patient(o);
      const r = p.upload(o.file, text);
      console.log(`uploaded ${r.file} version ${r.version}: ${r.labels.join(', ')}`);
    }));
  verb('read', 'rules 30-33 for every partition of a file: read, or refused with the reason').requiredOption('--file <id>', 'the file id').option('--out <dir>', 'write each partition read to <dir>/<file>.<label>')
    .action(refusedAsUsage(async (o: Common & { file: string; out?: string }) => {
      if (o.out !== undefined) checkOutputDir('--out', o.out);
      const { u } = await user(o);
      const outcomes = u.readAll(o.file);
      // a read that finds nothing says so, as the protocol's refusals do, rather than print nothing
      if (!outcomes.length) throw new UsageError(`refused NO_SUCH_PARTITION: the cloud holds no partition of file ${o.file}`);
      for (const r of outcomes) {
        if (r.status === 'refused') {
          console.log(`${o.file}/${r.label}: refused ${r.code} (${r.reason})`);
          continue;
        }
        if (o.out) {
          mkdirSync(o.out, { recursive: true });
          // whole or not at all, and the owner's alone from its creation
          writeFileAtomic(join(o.out, `${o.file}.${r.label}`), r.bytes, { mode: 0o600 });
        }
        console.log(`${o.file}/${r.label}: read ${r.bytes.length} bytes (version ${r.version})${o.out ? ` -> ${join(o.out, `${o.file}.${r.label}`)}` : ''}`);
      }
    }));
}
