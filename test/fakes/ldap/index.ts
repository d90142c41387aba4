export { startSlapd, type AdControls, type Changes, type SlapdServer, type StartSlapdOptions } from './slapd-server';
export { adGuidString } from './ad-emulator';
export type { LdifAttributes, LdifEntry, LdifValue, ReadEntry } from './ldif';
