import { describe, expect, it } from 'vitest';
import { summariseCompleteness } from '../../../shared/interop/completeness.js';
import { catalogue, credential, institutions } from './fixtures.js';

const member = (summary: ReturnType<typeof summariseCompleteness>, id: string) =>
  summary.members.find((m) => m.institutionId === id);

describe('summariseCompleteness', () => {
  it('counts a credential with every recommended element as complete', () => {
    expect(member(summariseCompleteness(catalogue, institutions), 'luh')).toEqual({
      institutionId: 'luh',
      credentials: 4,
      complete: 4,
      incomplete: 0,
      missingElements: {},
    });
  });

  it('counts a credential without supervision or skills as incomplete and names the elements', () => {
    const sparse = credential('luh-sparse', 'luh', { supervision: undefined, skills: undefined });
    expect(member(summariseCompleteness([...catalogue, sparse], institutions), 'luh')).toMatchObject({
      credentials: 5,
      complete: 4,
      incomplete: 1,
      missingElements: { supervision: 1, skills: 1 },
    });
  });

  it('treats an absent prerequisites statement as missing but an empty one as stated', () => {
    const unstated = credential('lut-unstated', 'lut', { prerequisites: undefined });
    const none = credential('lut-none', 'lut', { prerequisites: [] });
    expect(member(summariseCompleteness([unstated, none], institutions), 'lut')?.missingElements).toEqual({
      prerequisites: 1,
    });
  });

  it('counts a cooperative credential without qaResponsible as missing that element', () => {
    const joint = credential('but-joint', 'but', { awardingBodies: ['but', 'tuwien'], countries: ['CZ', 'AT'] });
    expect(member(summariseCompleteness([joint], institutions), 'but')?.missingElements).toEqual({ qaResponsible: 1 });
  });

  it('counts a credential without countries as missing a mandatory element', () => {
    expect(
      member(summariseCompleteness([credential('upm-x', 'upm', { countries: [] })], institutions), 'upm')
        ?.missingElements,
    ).toEqual({ country: 1 });
  });

  it('ranks the alliance-wide most often missing elements first', () => {
    const credentials = [
      credential('luh-a', 'luh', { language: undefined, workloadHours: undefined }),
      credential('lut-a', 'lut', { language: undefined }),
      credential('upm-a', 'upm', { language: undefined, subjectArea: undefined }),
    ];
    expect(summariseCompleteness(credentials, institutions).mostOftenMissing).toEqual([
      { element: 'language', count: 3 },
      { element: 'subjectArea', count: 1 },
      { element: 'workloadHours', count: 1 },
    ]);
  });

  it('ignores retired credentials', () => {
    const retired = credential('tuwien-old', 'tuwien', { status: 'retired', skills: undefined });
    expect(member(summariseCompleteness([retired], institutions), 'tuwien')).toMatchObject({
      credentials: 0,
      incomplete: 0,
    });
  });

  it('lists a member with no credentials', () => {
    expect(member(summariseCompleteness(catalogue, institutions), 'skillhub')).toEqual({
      institutionId: 'skillhub',
      credentials: 0,
      complete: 0,
      incomplete: 0,
      missingElements: {},
    });
  });
});
