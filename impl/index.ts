// The implementation's public surface: parties, scheme functions, encodings, errors.
export * from './access.js';
export * from './aead.js';
export * from './binding.js';
export * from './cloud.js';
export * from './errors.js';
export * from './group.js';
export * from './holdings.js';
export * from './patient.js';
export * from './phr.js';
export * from './principal.js';
export * from './random.js';
export * from './scheme.js';
export * from './srs.js';
export * from './user.js';
export type { Member, PartitionRecord, Decision } from './acl.js';
export * from './routes.js';
