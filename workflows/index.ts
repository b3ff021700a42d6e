/** Every workflow the worker runs; the bundler starts here. */
export { faultRepair } from './fault-repair/workflow';
