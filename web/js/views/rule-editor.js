import { h, field, select } from '../dom.js';
import { QUALITY_ASSURANCE } from '../labels.js';

/*
 * A structured editor for a composition rule (SPEC §5): bounds per institution, requirements,
 * exclusions and the module list with titles, instead of raw JSON. It starts from a rule and
 * reads back a rule that keeps every field it does not show (nested programmes, skills of a
 * requirement), and leaves out what is blank, so an unchanged form gives back an equal rule.
 */

const numberInput = (value, attrs = {}) =>
  h('input', { type: 'number', min: 0, step: 'any', value: value ?? '', class: 'num-input', ...attrs });
const numberOf = (input) => (input.value.trim() === '' ? undefined : Number(input.value));
const listOf = (text) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const compact = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
const idOf = (ref) => ref.slice(0, ref.lastIndexOf('@'));

function requirementRow(q, onRemove) {
  const inputs = {
    id: h('input', {
      type: 'text',
      value: q.id ?? '',
      'aria-label': 'Requirement id',
      required: true,
      pattern: '[A-Za-z0-9_-]{1,64}',
    }),
    title: h('input', { type: 'text', value: q.title ?? '', 'aria-label': 'Requirement title', required: true }),
    subjectAreas: h('input', {
      type: 'text',
      value: (q.from?.subjectAreas ?? []).join(', '),
      'aria-label': 'Subject areas (ISCED-F codes)',
    }),
    credentials: h('input', {
      type: 'text',
      value: (q.from?.credentials ?? []).join(', '),
      'aria-label': 'Credentials (ids)',
    }),
    minCount: numberInput(q.minCount, { step: 1, 'aria-label': 'Minimum credentials' }),
    minEcts: numberInput(q.minEcts, { 'aria-label': 'Minimum ECTS' }),
  };
  const row = h(
    'tr',
    { 'data-requirement': q.id ?? '' },
    h('td', {}, inputs.id),
    h('td', {}, inputs.title),
    h('td', {}, inputs.subjectAreas),
    h('td', {}, inputs.credentials),
    h('td', {}, inputs.minCount),
    h('td', {}, inputs.minEcts),
    h(
      'td',
      {},
      h(
        'button',
        { type: 'button', class: 'button button--quiet button--small', onclick: () => onRemove(row) },
        'Remove',
      ),
    ),
  );
  row.read = () =>
    compact({
      id: inputs.id.value.trim(),
      title: inputs.title.value.trim(),
      from: compact({
        credentials: listOf(inputs.credentials.value).length > 0 ? listOf(inputs.credentials.value) : undefined,
        subjectAreas: listOf(inputs.subjectAreas.value).length > 0 ? listOf(inputs.subjectAreas.value) : undefined,
        skills: q.from?.skills,
      }),
      minCount: numberOf(inputs.minCount),
      minEcts: numberOf(inputs.minEcts),
    });
  return row;
}

function institutionRows(rule, members, byId) {
  const listed = (rule.institutions ?? []).map((b) => b.id);
  const ids = [...members, ...listed.filter((id) => !members.includes(id))];
  return ids.map((id) => {
    const bound = (rule.institutions ?? []).find((b) => b.id === id) ?? {};
    const name = byId.get(id)?.name ?? id;
    const inputs = ['minCount', 'maxCount', 'minEcts', 'maxEcts'].map((k) =>
      numberInput(bound[k], { step: k.endsWith('Count') ? 1 : 'any', 'aria-label': `${name} ${k}`, 'data-bound': k }),
    );
    const row = h(
      'tr',
      { 'data-institution': id },
      h('th', { scope: 'row' }, name),
      inputs.map((i) => h('td', {}, i)),
    );
    row.read = () => {
      const values = compact(Object.fromEntries(inputs.map((i) => [i.dataset.bound, numberOf(i)])));
      return Object.keys(values).length > 0 ? { id, ...values } : undefined;
    };
    return row;
  });
}

/** Offerings of the members (latest versions), with the rule's listed modules ticked; listed ones no longer published stay. */
function moduleTable(rule, offerings, byId) {
  const listed = new Map((rule.modules ?? []).map((ref) => [idOf(ref), ref]));
  const rows = [...offerings]
    .sort((a, b) => a.institutionId.localeCompare(b.institutionId) || a.title.localeCompare(b.title))
    .map((c) => {
      const ref = listed.get(c.id) ?? `${c.id}@${c.version}`;
      const box = h('input', {
        type: 'checkbox',
        checked: listed.has(c.id),
        value: ref,
        'aria-label': `Admit ${c.title}`,
      });
      const stale = listed.has(c.id) && ref !== `${c.id}@${c.version}`;
      return h(
        'tr',
        { 'data-module': c.id },
        h('td', {}, box),
        h(
          'td',
          {},
          c.title,
          stale ? h('span', { class: 'muted' }, ` (listed ${ref}; version ${c.version} is out)`) : null,
        ),
        h('td', {}, byId.get(c.institutionId)?.name ?? c.institutionId),
        h('td', {}, h('code', {}, ref)),
        h('td', { class: 'num' }, c.ects),
        h('td', { class: 'num' }, c.eqfLevel),
      );
    });
  const known = new Set(offerings.map((c) => c.id));
  for (const [id, ref] of listed) {
    if (known.has(id)) continue;
    rows.push(
      h(
        'tr',
        { 'data-module': id },
        h('td', {}, h('input', { type: 'checkbox', checked: true, value: ref, 'aria-label': `Admit ${id}` })),
        h('td', {}, id, h('span', { class: 'muted' }, ' (no longer published)')),
        h('td', {}, '—'),
        h('td', {}, h('code', {}, ref)),
        h('td', {}),
        h('td', {}),
      ),
    );
  }
  return h(
    'div',
    { class: 'table-wrap module-table' },
    h(
      'table',
      { class: 'table', 'data-testid': 'modules' },
      h('caption', {}, 'Modules this version admits'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Admit', 'Title', 'Institution', 'Module', 'ECTS', 'EQF'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/**
 * The editor. `offerings`: the members' published credentials (latest versions). `fillModules`:
 * start with "let the registry fill in the modules" ticked (a new proposal).
 */
export function ruleEditor({ rule, members, offerings, byId, fillModules = false }) {
  const c = rule.components ?? {};
  const f = {
    title: h('input', { type: 'text', value: rule.title ?? '', required: true }),
    award: select(
      [
        ['joint-master', 'Joint master'],
        ['micro-degree', 'Micro-degree'],
      ],
      rule.award ?? 'micro-degree',
    ),
    eqfLevel: numberInput(rule.eqfLevel ?? 7, { min: 1, max: 8, step: 1 }),
    ectsMin: numberInput(rule.ects?.min),
    ectsMax: numberInput(rule.ects?.max),
    eqfMin: numberInput(c.eqfMin, { min: 1, max: 8, step: 1 }),
    componentEctsMin: numberInput(c.ectsMin),
    componentEctsMax: numberInput(c.ectsMax),
    stackableOnly: h('input', { type: 'checkbox', checked: c.stackableOnly !== false }),
    minInstitutions: numberInput(rule.minInstitutions, { step: 1 }),
    minCountries: numberInput(rule.minCountries, { step: 1 }),
    externalMaxEcts: numberInput(rule.externalMaxEcts),
    exclusions: h(
      'textarea',
      { rows: 2, class: 'code-input' },
      (rule.exclusions ?? []).map((g) => g.join(', ')).join('\n'),
    ),
    fill: h('input', { type: 'checkbox', checked: fillModules || rule.modules === undefined }),
  };
  const qa = Object.entries(QUALITY_ASSURANCE).map(([value, label]) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', value, checked: c.qualityAssurance?.includes(value) ?? false }),
      label,
    ),
  );
  const institutions = institutionRows(rule, members, byId);
  const requirementBody = h('tbody');
  const addRequirement = (q) => requirementBody.append(requirementRow(q, (row) => row.remove()));
  for (const q of rule.requirements ?? []) addRequirement(q);
  const modules = moduleTable(rule, offerings, byId);
  const syncModules = () => {
    modules.hidden = f.fill.checked;
  };
  f.fill.addEventListener('change', syncModules);
  syncModules();

  const element = h(
    'div',
    { class: 'rule-editor' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Award'),
      h(
        'div',
        { class: 'inline-form' },
        field('Title', f.title),
        field('Award', f.award),
        field('EQF level', f.eqfLevel),
        field('Total ECTS at least', f.ectsMin),
        field('Total ECTS at most', f.ectsMax),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Each credential'),
      h(
        'div',
        { class: 'inline-form' },
        field('EQF at least', f.eqfMin),
        field('ECTS at least', f.componentEctsMin),
        field('ECTS at most', f.componentEctsMax),
        h('label', { class: 'check' }, f.stackableOnly, 'Stackable credentials only'),
      ),
      h(
        'div',
        { role: 'group', 'aria-label': 'Quality assurance accepted (none ticked: any)' },
        h('p', { class: 'field__hint' }, 'Quality assurance accepted (none ticked: any)'),
        qa,
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Partners'),
      h(
        'div',
        { class: 'inline-form' },
        field('Institutions at least', f.minInstitutions),
        field('Countries at least', f.minCountries),
        field('External credentials, ECTS at most', f.externalMaxEcts),
      ),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'table', 'data-testid': 'institution-bounds' },
          h('caption', {}, 'Bounds per institution (blank: no bound)'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Institution', 'Credentials at least', 'Credentials at most', 'ECTS at least', 'ECTS at most'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h('tbody', {}, institutions),
        ),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Requirements'),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'table', 'data-testid': 'requirements' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Id', 'Title', 'Subject areas', 'Credentials', 'Credentials at least', 'ECTS at least', ''].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          requirementBody,
        ),
      ),
      h(
        'button',
        { type: 'button', class: 'button button--quiet button--small', onclick: () => addRequirement({ from: {} }) },
        'Add a requirement',
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Exclusions'),
      field(
        'Groups of which at most one counts',
        f.exclusions,
        'One group per line, credential ids separated by commas.',
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Modules'),
      (rule.programmes ?? []).length > 0
        ? h('p', {}, 'Nested programmes (each must be satisfied too): ', rule.programmes.join(', '))
        : null,
      h(
        'label',
        { class: 'check' },
        f.fill,
        'Let the registry list every offering of the members that passes the filters',
      ),
      modules,
    ),
  );

  const read = () => {
    const components = compact({
      ...c,
      eqfMin: numberOf(f.eqfMin),
      ectsMin: numberOf(f.componentEctsMin),
      ectsMax: numberOf(f.componentEctsMax),
      // Stackable only is the default: say so only when the rule said so, or to turn it off.
      stackableOnly: f.stackableOnly.checked ? (c.stackableOnly === true ? true : undefined) : false,
      qualityAssurance: (() => {
        const ticked = qa
          .map((l) => l.querySelector('input'))
          .filter((i) => i.checked)
          .map((i) => i.value);
        return ticked.length > 0 ? ticked : undefined;
      })(),
    });
    const bounds = institutions.map((row) => row.read()).filter(Boolean);
    const requirements = [...requirementBody.children].map((row) => row.read());
    const exclusions = f.exclusions.value
      .split('\n')
      .map(listOf)
      .filter((g) => g.length > 0);
    const ticked = [...modules.querySelectorAll('tbody input:checked')].map((i) => i.value).sort();
    return compact({
      ...rule,
      title: f.title.value.trim(),
      award: f.award.value,
      eqfLevel: numberOf(f.eqfLevel),
      ects: { min: numberOf(f.ectsMin) ?? 0, max: numberOf(f.ectsMax) ?? 0 },
      components: Object.keys(components).length > 0 ? components : undefined,
      institutions: bounds.length > 0 ? bounds : undefined,
      minInstitutions: numberOf(f.minInstitutions),
      minCountries: numberOf(f.minCountries),
      externalMaxEcts: numberOf(f.externalMaxEcts),
      requirements: requirements.length > 0 ? requirements : undefined,
      exclusions: exclusions.length > 0 ? exclusions : undefined,
      modules: f.fill.checked ? undefined : ticked,
    });
  };
  return { element, read };
}
