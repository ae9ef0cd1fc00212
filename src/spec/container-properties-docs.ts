/**
 * The property table of docs/template-reference.md, rendered from the property table
 * (container-properties.ts). A test compares the docs with this text, so the docs cannot drift
 * from what the schema, the create body and the reasons do; `npm run docs:properties` rewrites
 * the section.
 */
import { CONTAINER_PROPERTY_TABLE, type ContainerProperty } from './container-properties.js';

/** The comment lines around the generated section of the docs. */
export const DOCS_BEGIN = '<!-- properties table: generated from src/spec/container-properties.ts by `npm run docs:properties`; do not edit -->';
export const DOCS_END = '<!-- end of generated properties table -->';

const code = (text: string): string => `\`${text}\``;

function engineCell(p: ContainerProperty): string {
  if ('notSent' in p.engine) return `not in the body: ${p.engine.notSent}`;
  return p.engine.fields.map(code).join(', ');
}

function notes(p: ContainerProperty): string {
  const out: string[] = [];
  if (p.heatDefault !== undefined) out.push(`Heat's default ${code(p.heatDefault)}`);
  if (p.since === 'heat-later') out.push("added to Heat's plugin after its first release");
  if (p.secretBearing) out.push('values may hold secrets: pass them as hidden parameters, which are masked');
  return out.join('; ');
}

/** The markdown of the generated section, markers included, ending with a line break. */
export function propertyDocsSection(): string {
  const rows = CONTAINER_PROPERTY_TABLE.map((p) => [
    code(p.name),
    p.docs.type,
    engineCell(p),
    p.reason === null ? '–' : code(`${p.reason} changed`),
    notes(p) || '–',
    `[examples/${p.docs.example}](../examples/${p.docs.example})`,
  ]);
  return [
    DOCS_BEGIN,
    '',
    '| property | type | Engine API create body | replace reason | notes | example |',
    '|---|---|---|---|---|---|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
    '',
    DOCS_END,
    '',
  ].join('\n');
}

/**
 * `markdown` with its generated section replaced by `section`; undefined when the markers are
 * missing (the docs lost them: put them back rather than guess where the table goes).
 */
export function withPropertyDocs(markdown: string, section: string): string | undefined {
  const begin = markdown.indexOf(DOCS_BEGIN);
  const end = markdown.indexOf(DOCS_END);
  if (begin < 0 || end < begin) return undefined;
  const after = markdown.slice(end + DOCS_END.length).replace(/^\r?\n/, '');
  return markdown.slice(0, begin) + section + after;
}
