// How large a ground net the workbench builds. Grounding multiplies users, files and partitions, so
// a universe file a few lines longer than the shipped ones can ground to millions of transitions:
// at about 2-4 KB each while the net is built, a million no longer fits in the process's heap, and
// well before that one SMT check takes minutes (measured on one patient with 80 users, 10 partitions
// and 10 files, 33 000 transitions on `paper`: one property 74 s; 150 users, 20 and 15, 182 000
// transitions: one property past 300 s and 0.9 GB). Past the limit a net is refused while it is
// being built, with what the universe holds, instead of the process dying out of memory.
// Imports nothing, so the command line can tell this refusal from an internal error cheaply.

/** The most ground transitions one net may have. */
export const MAX_GROUND_TRANSITIONS = 100_000;

/** A universe that grounds to more than MAX_GROUND_TRANSITIONS in a configuration: bad input. */
export class NetTooLarge extends Error {}
