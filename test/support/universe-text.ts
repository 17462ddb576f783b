// A universe file of one patient P, `users` doctors of P, `partitions` partitions and `files` files:
// the shape whose ground net grows as their product.
export function universeText(name: string, users: number, partitions: number, files: number): string {
  const list = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`).join(', ');
  const members = Array.from({ length: users }, (_, i) => `  - id: u${i}\n    roles: { P: doctor }`).join('\n');
  return `name: ${name}\npatients:\n  - id: P\n    partitions: [${list('p', partitions)}]\n    files: [${list('f', files)}]\n    default-access:\n      doctor: [p0]\nusers:\n${members}\n`;
}
