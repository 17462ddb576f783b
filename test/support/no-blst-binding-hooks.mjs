// The module hook of no-blst-binding.mjs: the blst package's binding module is not found.
export async function resolve(specifier, context, next) {
  if (specifier === 'blst-swig/dist/bindings.js') {
    const e = new Error(`Cannot find module 'blst-swig/prebuild/${process.platform}-${process.arch}-999-binding.node'`);
    e.code = 'ERR_MODULE_NOT_FOUND';
    throw e;
  }
  return next(specifier, context);
}
