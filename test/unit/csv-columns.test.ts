import { describe, expect, it } from 'vitest';
import { checkHeader, mapRow } from '../../shared/app/csv/columns.js';

const ROW = {
  key: 'ethics',
  title: 'Ethics',
  learning_outcomes: 'Argue',
  ects: '2,5',
  workload_hours: '67,5',
  eqf_level: '7',
  assessment: 'oral',
  participation: 'onsite',
  quality_assurance: 'internal',
  stackability: 'stackable',
};

describe('CSV columns: decimal commas and titles in other languages', () => {
  it('reads 2,5 as 2.5 in a semicolon file', () => {
    const mapped = mapRow('luh', 2, ROW, { decimalComma: true });
    expect(mapped).toMatchObject({ ok: true, draft: { ects: 2.5, workloadHours: 67.5 } });
  });

  it('reports 2,5 in a comma file as not a number, naming the column', () => {
    const mapped = mapRow('luh', 2, ROW);
    expect(mapped.ok).toBe(false);
    if (!mapped.ok) expect(mapped.issues.map((i) => i.column)).toContain('ects');
  });

  it('reads title_<language> columns into titles, with the tag in its usual case', () => {
    const mapped = mapRow('luh', 2, {
      ...ROW,
      ects: '5',
      workload_hours: '',
      title_de: 'Ethik',
      'title_de-at': 'Ethik (AT)',
      'title_sr-latn': 'Etika',
    });
    expect(mapped).toMatchObject({
      ok: true,
      draft: { titles: { de: 'Ethik', 'de-AT': 'Ethik (AT)', 'sr-Latn': 'Etika' } },
    });
  });

  it('accepts title columns in the header and names one whose language is not a tag', () => {
    const header = [
      'key',
      'title',
      'title_de',
      'title_german!',
      'learning_outcomes',
      'ects',
      'eqf_level',
      'assessment',
      'participation',
      'quality_assurance',
      'stackability',
    ];
    const named = checkHeader(header).map((i) => i.column);
    expect(named).toContain('title_german!');
    expect(named).not.toContain('title_de');
  });
});
