// The element types the group layer hands out: opaque, so that the layers above compute only
// through group.ts and never depend on which backend made an element.
declare const g1Brand: unique symbol;
declare const g2Brand: unique symbol;
declare const gtBrand: unique symbol;

/** a point of G1 (pk and RK in format 2: scheme/placement.ts) */
export type G1Point = { readonly [g1Brand]: true };
/** a point of G2 (R_P in format 2) */
export type G2Point = { readonly [g2Brand]: true };
/** an element of GT (Z, Z^r, R_U) */
export type GT = { readonly [gtBrand]: true };
