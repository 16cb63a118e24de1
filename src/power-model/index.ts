// Public surface of the calibrated power model.
export type { MachineInput } from './types.js';
export { predictServerWatts, predictWithBand, powerModelInfo, predictCurveWithBasis } from './predict.js';
export { estimateVmWatts, VM_MEMORY_W_PER_GB, type VmInput } from './vm.js';
export { inferArchitecture } from './arch-rules.js';
