// The cloud's durable objects: one file per sealed partition C(f,i), written atomically (a
// temporary file, fsync, rename over the old one, fsync of the directory), so a crash leaves
// either the old object or the new one, never a torn one. Each file starts with a header
// holding the owner, the ids and the SHA-256 of C; reading checks it (CLOUD_CORRUPT otherwise).
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SesphrError, tok } from '../impl/index.js';
import { sha256Hex } from './wire.js';

export interface StoredObject {
  owner: string;
  file: string;
  label: string;
  c: Uint8Array;
}

/** An object as read back: C checked against the SHA-256 its header holds, which comes with it. */
export interface ReadObject extends StoredObject {
  sha256: string;
}

interface Header {
  owner: string;
  file: string;
  label: string;
  sha256: string;
}

const MAGIC = Buffer.from('SESPHR-C1');
/** The longest name a file system allows (bytes): a hex name up to it is kept, so every object
 *  written before the SHA-256 names keeps its name. A write's temporary file is named apart from
 *  its object (`tmpName`), so it needs no room beside it. */
const HEX_NAME_MAX = 255;

/** File names from ids by hex (ids may contain '.', ':' and '@', and '..' is a valid id), or by the
 *  SHA-256 of the two ids where the hex is too long for a file name (ids of 64 characters, a later
 *  version's name): the header holds the ids either way. */
export function objectFileName(file: string, label: string): string {
  const hex = `${Buffer.from(file).toString('hex')}_${Buffer.from(label).toString('hex')}.obj`;
  return hex.length <= HEX_NAME_MAX ? hex : `sha256-${sha256Hex(`${file}\0${label}`)}.obj`;
}

let writes = 0;
/** A write's temporary file: unique to this process and write, and short whatever the ids. */
const tmpName = (): string => `write-${process.pid}-${Date.now()}-${++writes}.tmp`;

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class ObjectStore {
  private readonly dir: string;

  constructor(root: string) {
    this.dir = join(root, 'objects');
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`${this.dir}: cannot be the cloud's folder of objects (${code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is there, not a directory' : code ?? (e as Error).message})`);
    }
    // Temporary files of writes a crash interrupted were never acknowledged: they go.
    for (const n of readdirSync(this.dir)) if (n.endsWith('.tmp')) unlinkSync(join(this.dir, n));
  }

  /** `sha256`: C's SHA-256 where the caller has it already (the signature check hashed the same bytes). */
  write(o: StoredObject, sha256 = sha256Hex(o.c)): void {
    const header = Buffer.from(JSON.stringify({ owner: o.owner, file: o.file, label: o.label, sha256 } satisfies Header));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(header.length);
    const final = join(this.dir, objectFileName(o.file, o.label));
    const tmp = join(this.dir, tmpName());
    const fd = openSync(tmp, 'w');
    try {
      for (const part of [MAGIC, len, header, o.c]) {
        let off = 0;
        while (off < part.length) off += writeSync(fd, part, off, part.length - off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, final);
    fsyncDir(this.dir);
  }

  /** C(f,i) as stored, its SHA-256 checked; undefined when there is none. */
  read(file: string, label: string): ReadObject | undefined {
    let buf: Buffer;
    try {
      buf = readFileSync(join(this.dir, objectFileName(file, label)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const o = this.parse(buf, file, label);
    // a file under this name holding other ids was not written here for them
    if (o.file !== file || o.label !== label) throw new SesphrError('CLOUD_CORRUPT', `${tok.C(file, label)}: stored object is corrupted (its header names ${tok.C(o.file, o.label)})`, tok.C(file, label));
    return o;
  }

  delete(file: string, label: string): boolean {
    try {
      unlinkSync(join(this.dir, objectFileName(file, label)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    fsyncDir(this.dir);
    return true;
  }

  /** Every stored object whose check passes: what a restarted cloud indexes (a corrupted one
   *  stays on disk, and reading it answers CLOUD_CORRUPT). One at a time, so that indexing holds
   *  one object's bytes, not all of them. */
  *all(): Generator<ReadObject> {
    for (const n of readdirSync(this.dir).filter((x) => x.endsWith('.obj')).sort()) {
      let o: ReadObject;
      try {
        o = this.parse(readFileSync(join(this.dir, n)), n, '');
      } catch {
        continue; // left for read() to refuse
      }
      yield o;
    }
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  private parse(buf: Buffer, file: string, label: string): ReadObject {
    const where = label ? tok.C(file, label) : file;
    const corrupt = () => new SesphrError('CLOUD_CORRUPT', `${where}: stored object is corrupted`, where);
    if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt();
    const n = buf.readUInt32BE(MAGIC.length);
    const start = MAGIC.length + 4;
    if (start + n > buf.length) throw corrupt();
    let h: Header;
    try {
      h = JSON.parse(buf.subarray(start, start + n).toString('utf8')) as Header;
    } catch {
      throw corrupt();
    }
    // a view of the buffer just read: nothing else holds it
    const c = buf.subarray(start + n);
    if (sha256Hex(c) !== h.sha256) throw new SesphrError('CLOUD_CORRUPT', `${tok.C(h.file, h.label)}: stored object is corrupted (SHA-256 mismatch)`, tok.C(h.file, h.label));
    return { owner: h.owner, file: h.file, label: h.label, c, sha256: h.sha256 };
  }
}
