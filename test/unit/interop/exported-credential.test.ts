import { describe, expect, it } from 'vitest';
import { exportedCredentialOf, registryUrls } from '../../../shared/interop/vocabulary.js';

const BASE = 'https://registry.alliance.example';

describe('exportedCredentialOf: which registry credential a document node was exported as', () => {
  it('reads id and version back from both export URLs', () => {
    const urls = registryUrls(BASE);
    expect(exportedCredentialOf(urls.credentialExport({ id: 'luh-ml', version: 3 }, 'ob3'), BASE)).toEqual({
      id: 'luh-ml',
      version: 3,
    });
    expect(exportedCredentialOf(urls.credentialExport({ id: 'luh-ml', version: 1 }, 'elm'), `${BASE}/`)).toEqual({
      id: 'luh-ml',
      version: 1,
    });
  });

  it('matches no URL of another registry, even with the same path', () => {
    expect(
      exportedCredentialOf('https://elsewhere.example/credentials/luh-ml@1/export?format=ob3', BASE),
    ).toBeUndefined();
    expect(exportedCredentialOf(`${BASE}.evil.example/credentials/luh-ml@1/export?format=ob3`, BASE)).toBeUndefined();
  });

  it('matches no other registry URL and nothing but a pinned version', () => {
    expect(exportedCredentialOf(`${BASE}/credentials/luh-ml/export?format=ob3`, BASE)).toBeUndefined();
    expect(exportedCredentialOf(`${BASE}/credentials/luh-ml/versions/1`, BASE)).toBeUndefined();
    expect(exportedCredentialOf(`${BASE}/credentials/luh-ml@1/export?format=pdf`, BASE)).toBeUndefined();
    expect(exportedCredentialOf(`${BASE}/credentials/luh-ml@1/export?format=ob3#x`, BASE)).toBeUndefined();
  });
});
