/**
 * A sentence with commands or format names in it ("replay it with npm run simulate"): the words are
 * translated, the commands are not (they are typed as they are, in any language), so they are set
 * as code and marked translate="no" for people, browsers' translators and the language tests alike.
 */
import type { PlanningKey, PlanningText } from './planningText';

export function Coded({ tr, k, code }: { tr: PlanningText; k: PlanningKey; code: Record<string, string> }) {
  // The placeholders are kept in the translated sentence (i18next does not interpolate a value again), then set as code.
  const text = tr(k, Object.fromEntries(Object.keys(code).map((name) => [name, `{{${name}}}`])));
  return (
    <>
      {text.split(/(\{\{\w+\}\})/).map((part, i) => {
        const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        return name && name in code ? (
          <code key={i} translate="no">
            {code[name]}
          </code>
        ) : (
          part
        );
      })}
    </>
  );
}
