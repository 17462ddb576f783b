// What an object that holds secrets (a secret key, a partition key, plaintext, R_U, the draws keys
// are made from) shows of itself when it is printed or serialised: its public face only. Node's
// console and util.inspect, a test runner's message on a failed assertion (which serialises through
// toJSON) and JSON.stringify all see the face; the secrets stay in fields nothing prints. A stray
// log line or a failed assertion thus carries no secret, and the face names what it leaves out.

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type Inspect = (value: unknown, options: object) => string;

export abstract class HoldsSecrets {
  /** Public fields only: ids, the variant and policy, counts. Never a key, a plaintext or a draw. */
  protected abstract publicFace(): Record<string, unknown>;
  /** The kinds of secret held and never shown, by their names in the paper ('sk', 'R_U', ...). */
  protected abstract withheld(): readonly string[];

  private face(): Record<string, unknown> {
    return { ...this.publicFace(), withheld: [...this.withheld()] };
  }

  [INSPECT](_depth: number, options: object, inspect?: Inspect): string {
    const face = this.face();
    return `${this.constructor.name} ${inspect ? inspect(face, options) : JSON.stringify(face)}`;
  }

  toJSON(): Record<string, unknown> {
    return { [this.constructor.name]: this.face() };
  }
}
