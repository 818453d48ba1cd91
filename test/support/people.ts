import type { TPerson } from '@ppda/domain';

/** A small fictional directory: owner, their supervisor, the Head of PSD and the AA. */
export const PEOPLE: TPerson[] = [
  {
    id: 'inv-1',
    displayName: 'DS Test Owner',
    email: 'owner@psd.test',
    roles: ['investigator'],
    lineManagerId: 'sup-1',
  },
  {
    id: 'sup-1',
    displayName: 'DI Test Supervisor',
    email: 'supervisor@psd.test',
    roles: ['psd-supervisor'],
    lineManagerId: 'head-1',
  },
  { id: 'head-1', displayName: 'Supt Test Head', email: 'head@psd.test', roles: ['head-of-psd'] },
  { id: 'aa-1', displayName: 'DCC Test', email: 'aa@force.test', roles: ['appropriate-authority'] },
];

export const EMAIL = {
  owner: 'owner@psd.test',
  supervisor: 'supervisor@psd.test',
  head: 'head@psd.test',
  aa: 'aa@force.test',
} as const;
