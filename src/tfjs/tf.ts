/**
 * The TF.js the runner uses: core, layers and the two backends it bundles. Not the `@tensorflow/tfjs`
 * umbrella, whose WebGL backend, converter and data API would double the bundle for nothing in Node.
 */
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
// Named imports, not bare ones: the bundler drops a bare import of a package it believes side-effect free.
export { version_cpu } from '@tensorflow/tfjs-backend-cpu';
export { setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';
