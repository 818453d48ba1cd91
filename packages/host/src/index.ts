export {
  closeOnSignals,
  startHost,
  type THost,
  type THostContext,
  type THostOptions,
  type THostPart,
} from './host.ts';
