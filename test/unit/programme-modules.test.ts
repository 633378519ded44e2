import { describe, expect, it } from 'vitest';
import { defaultModules, moduleDrift, offeredVersion } from '../../shared/app/engine/modules.js';
import type { Credential } from '../../shared/schemas/credential.js';
import type { Rule } from '../../shared/schemas/rule.js';

const members = ['luh', 'lut'];
const rule: Rule = {
  title: 'Pairs',
  award: 'micro-degree',
  eqfLevel: 7,
  ects: { min: 10, max: 10 },
  components: { eqfMin: 7 },
};
const written = '2026-11-01T00:00:00.000Z';

const credential = (id: string, overrides: Partial<Credential> = {}): Credential =>
  ({
    id,
    version: 1,
    institutionId: 'luh',
    status: 'published',
    ects: 5,
    eqfLevel: 7,
    stackability: 'stackable',
    qualityAssurance: 'external-esg',
    updatedAt: '2026-10-01T00:00:00.000Z',
    ...overrides,
  }) as Credential; // only the fields the module decisions read

describe('modules a rule omits', () => {
  it('are the members’ published offerings that pass the filters, at their latest version', () => {
    const published = [
      credential('luh-a', { version: 3 }),
      credential('luh-low', { eqfLevel: 6 }),
      credential('luh-alone', { stackability: 'standalone' }),
      credential('luh-nano', { ects: 0.5 }),
      credential('tu-x', { institutionId: 'tuwien' }),
      credential('lut-b'),
    ];
    expect(defaultModules(rule, members, published)).toEqual(['luh-a@3', 'lut-b@1']);
  });
});

describe('the version a listed module is offered at', () => {
  it('is the latest that passes the filters, never one before the listed version', () => {
    const versions = [
      credential('luh-a', { version: 3, eqfLevel: 6 }),
      credential('luh-a', { version: 2 }),
      credential('luh-a', { version: 1 }),
    ];
    expect(offeredVersion(rule, members, 1, versions)?.version).toBe(2);
    expect(offeredVersion(rule, members, 3, versions)).toBeUndefined();
    expect(offeredVersion(rule, members, 1, [credential('luh-a', { status: 'retired' })])).toBeUndefined();
  });
});

describe('drift', () => {
  const pinned: Rule = { ...rule, modules: ['luh-a@1', 'luh-gone@1', 'lut-b@1'] };

  it('names offerings written since, new versions of listed modules and retirements', () => {
    const published = [
      credential('luh-a', { version: 2, updatedAt: '2026-11-05T00:00:00.000Z' }),
      credential('lut-b'),
      credential('luh-new', { updatedAt: '2026-11-02T00:00:00.000Z' }),
      credential('luh-old'), // there when the version was written, and left out: the partners' choice
      credential('luh-new-but-low', { eqfLevel: 6, updatedAt: '2026-11-02T00:00:00.000Z' }),
    ];
    expect(moduleDrift(pinned, written, members, published, new Set(['luh-gone']))).toEqual({
      added: ['luh-new@1'],
      changed: [{ id: 'luh-a', listed: 'luh-a@1', latest: 'luh-a@2' }],
      retired: ['luh-gone'],
    });
  });

  it('is empty for a rule that lists no modules (it admits the whole catalogue)', () => {
    expect(
      moduleDrift(
        rule,
        written,
        members,
        [credential('luh-new', { updatedAt: '2026-12-01T00:00:00.000Z' })],
        new Set(),
      ),
    ).toEqual({
      added: [],
      changed: [],
      retired: [],
    });
  });
});
