/** JSON with keys sorted at every level, two-space indented: equal rules give equal lines. */
export function canonicalLines(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort(v[k])]),
      );
    return v;
  };
  return JSON.stringify(sort(value), null, 2).split('\n');
}

/**
 * Side-by-side rows of a line diff (longest common subsequence): each row has a left and a right
 * cell, `kind` is same | removed | added | changed. Rules are a few hundred lines at most.
 */
export function sideBySide(leftLines, rightLines) {
  const n = leftLines.length;
  const m = rightLines.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i][j] = leftLines[i] === rightLines[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const rows = [];
  let removed = [];
  let added = [];
  const flush = () => {
    const count = Math.max(removed.length, added.length);
    for (let k = 0; k < count; k += 1) {
      const l = removed[k];
      const r = added[k];
      rows.push({ kind: l && r ? 'changed' : l ? 'removed' : 'added', left: l, right: r });
    }
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && leftLines[i] === rightLines[j]) {
      flush();
      rows.push({ kind: 'same', left: { n: i + 1, text: leftLines[i] }, right: { n: j + 1, text: rightLines[j] } });
      i += 1;
      j += 1;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      added.push({ n: j + 1, text: rightLines[j] });
      j += 1;
    } else {
      removed.push({ n: i + 1, text: leftLines[i] });
      i += 1;
    }
  }
  flush();
  return rows;
}
