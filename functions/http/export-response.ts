import { ELM_CONTEXT_LINK, withElmContext } from '../../shared/interop/elm.js';
import type { RouteResult } from './route.js';

/**
 * OB3 documents carry their @context. An ELM specification validates against the closed
 * `LearningAchievementSpecificationType`, which has no @context property, so by default the context
 * travels in a Link header (JSON-LD 1.1 §6.1); `context=embedded` puts it in the body instead.
 */
export const exportResult = (format: 'ob3' | 'elm', context: 'link' | 'embedded', document: object): RouteResult => {
  if (format === 'ob3')
    return { status: 200, body: document, headers: { 'content-type': 'application/ld+json; charset=utf-8' } };
  return context === 'embedded'
    ? { status: 200, body: withElmContext(document), headers: { 'content-type': 'application/ld+json; charset=utf-8' } }
    : {
        status: 200,
        body: document,
        headers: { 'content-type': 'application/json; charset=utf-8', link: ELM_CONTEXT_LINK },
      };
};
