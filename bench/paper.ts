// The paper's Section 6 values (../shared/reference/sesphr-paper.md; "~" values read off the bar
// charts), in seconds, keyed by the x of each figure.

/** Fig. 3: key generation at the SRS, by number of users. */
export const PAPER_KEYGEN: Readonly<Record<number, number>> = { 10: 0.6, 100: 0.97, 500: 1.13, 1000: 1.35, 5000: 1.7, 10000: 2.16 };

/** Fig. 4: encryption of a PHR, by size in KB. */
export const PAPER_ENCRYPT: Readonly<Record<number, number>> = { 50: 0.13, 100: 0.14, 200: 0.2, 500: 0.39, 800: 0.5, 1024: 0.69, 1500: 0.87, 2048: 1.289 };

/** Fig. 5: decryption of a PHR, by size in KB. */
export const PAPER_DECRYPT: Readonly<Record<number, number>> = { 50: 0.03, 100: 0.038, 200: 0.041, 500: 0.07, 800: 0.082, 1024: 0.16, 1500: 0.19, 2048: 0.245 };

export const KEYGEN_USERS = [10, 100, 500, 1000, 5000, 10000] as const;
export const PHR_SIZES_KB = [50, 100, 200, 500, 800, 1024, 1500, 2048] as const;
