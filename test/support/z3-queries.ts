// Queries whose cost in z3 is known, for the tests of the solver's time limits.

/** Factoring a 64-bit product: minutes for z3 on either build, so only a time limit ends it soon. */
export const FACTORING_64 = '(declare-const x (_ BitVec 64))(declare-const y (_ BitVec 64))(assert (= (bvmul x y) #x3fe1b2c3d4e5f607))(assert (bvugt x #x0000000000000001))(assert (bvugt y #x0000000000000001))(assert (bvult x #x00000000ffffffff))(assert (bvult y #x00000000ffffffff))(check-sat)';
