import { describe, expect, it } from 'vitest';
import { parseDirectoryFile } from './directory-import.ts';

describe('parseDirectoryFile', () => {
  it('reads people from CSV with their line numbers, roles split on ;, empty cells absent', () => {
    const csv = [
      'id,displayName,email,roles,rank,force,department,team,lineManagerId',
      'inv-9,"DS Nine, PSD",nine@psd.test,investigator; psd-supervisor,DS,xx,psd,,sup-9',
      '',
      'sup-9,DI Nine,sup9@psd.test,,DI,xx,psd,PSD,',
    ].join('\r\n');
    expect(parseDirectoryFile(csv, 'csv')).toEqual({
      people: [
        {
          __row: 2,
          id: 'inv-9',
          displayName: 'DS Nine, PSD',
          email: 'nine@psd.test',
          roles: ['investigator', 'psd-supervisor'],
          rank: 'DS',
          force: 'xx',
          department: 'psd',
          lineManagerId: 'sup-9',
        },
        {
          __row: 4,
          id: 'sup-9',
          displayName: 'DI Nine',
          email: 'sup9@psd.test',
          rank: 'DI',
          force: 'xx',
          department: 'psd',
          team: 'PSD',
        },
      ],
    });
  });

  it('reads associations from CSV by their header', () => {
    const csv = 'personId,associateId,reason\npc-1,ds-2,Married to each other.\n';
    expect(parseDirectoryFile(csv, 'csv')).toEqual({
      associations: [
        { __row: 2, personId: 'pc-1', associateId: 'ds-2', reason: 'Married to each other.' },
      ],
    });
  });

  it.each([
    ['an unknown column', 'id,nickname\nx,y\n', /unknown column\(s\) nickname/],
    ['a ragged row', 'personId,associateId,reason\na,b\n', /csv/],
  ])('refuses CSV with %s', (_label, csv, message) => {
    expect(() => parseDirectoryFile(csv, 'csv')).toThrow(message);
  });

  it('takes JSON as an array of people or { people, associations }', () => {
    expect(parseDirectoryFile('[{"id":"a"}]', 'json')).toEqual({ people: [{ id: 'a' }] });
    expect(parseDirectoryFile('{"associations":[]}', 'json')).toEqual({ associations: [] });
    expect(() => parseDirectoryFile('{"staff":[]}', 'json')).toThrow(/array of people/);
    expect(() => parseDirectoryFile('{', 'json')).toThrow(/json/);
  });
});
