/**
 * GitHub's own OpenAPI description (@octokit/openapi) as a request checker: the operation for a
 * method and path, its required path and query parameters, and the JSON body against the
 * operation's schema (required fields, types, enums, unknown fields where the schema forbids them).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Schema = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: Schema[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, Schema>>;
}

const params = (template: string): number => template.split('{').length - 1;

let loaded: { spec: Spec; routes: { template: string; pattern: RegExp }[] } | undefined;

/** The description of api.github.com, parsed once per test file. */
function spec(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const path = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Spec;
  // Literal segments first: /issues/comments/{id} must not be read as /issues/{issue_number}/comments.
  const routes = Object.keys(doc.paths)
    .map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
    .sort((a, b) => params(a.template) - params(b.template));
  loaded = { spec: doc, routes };
  return loaded;
}

function deref(node: Schema): Schema {
  let n = node;
  while (typeof n.$ref === 'string') {
    const parts = n.$ref.replace(/^#\//, '').split('/');
    let at: unknown = spec().spec;
    for (const p of parts) at = (at as Record<string, unknown>)[p];
    n = at as Schema;
  }
  return n;
}

/** Problems of `value` against `schema`, each naming where (empty: valid). */
export function schemaProblems(schema: Schema, value: unknown, where: string): string[] {
  const s = deref(schema);
  if (value === null) return s.nullable === true || s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) ? [] : [`${where}: null not allowed`];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = s[key] as Schema[] | undefined;
    if (branches && !branches.some((b) => schemaProblems(b, value, where).length === 0)) return [`${where}: matches none of ${key}`];
  }
  const problems: string[] = [];
  const type = s.type as string | string[] | undefined;
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) return [`${where}: ${actual}, expected ${types.join('|')}`];
  if (Array.isArray(s.enum) && !s.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} not one of ${JSON.stringify(s.enum)}`);
  if (Array.isArray(value) && s.items) value.forEach((v, i) => problems.push(...schemaProblems(s.items as Schema, v, `${where}[${i}]`)));
  if (actual === 'object' && value && typeof value === 'object') {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in value)) problems.push(`${where}: required field '${r}' missing`);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) problems.push(...schemaProblems(props[k], v, `${where}.${k}`));
      else if (s.additionalProperties === false) problems.push(`${where}: unknown field '${k}'`);
    }
  }
  return problems;
}

/** What the checker found for one request. */
export interface ContractCheck {
  /** The operation's path template, when the method and path are described. */
  route?: string;
  operationId?: string;
  problems: string[];
}

/** Checks one request (method, path with query, JSON body or undefined) against the description. */
export function checkRequest(method: string, url: string, body: unknown): ContractCheck {
  const { spec: doc, routes } = spec();
  const [path, query = ''] = url.split('?');
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) return { problems: [`${method} ${path}: no such path in GitHub's API`] };
  const op = doc.paths[route.template][method.toLowerCase()];
  if (!op) return { route: route.template, problems: [`${method} ${route.template}: no such operation`] };
  const problems: string[] = [];
  const params = new URLSearchParams(query);
  const pathValues = path.split('/');
  const templateParts = route.template.split('/');
  for (const raw of op.parameters ?? []) {
    const p = deref(raw) as { name: string; in: string; required?: boolean; schema?: Schema };
    if (p.in === 'path') {
      const value = decodeURIComponent(pathValues[templateParts.indexOf(`{${p.name}}`)] ?? '');
      if (!value) problems.push(`path parameter '${p.name}' empty`);
      if (p.schema && deref(p.schema).type === 'integer' && !/^\d+$/.test(value)) problems.push(`path parameter '${p.name}': '${value}' is not an integer`);
    } else if (p.in === 'query') {
      if (p.required && !params.has(p.name)) problems.push(`query parameter '${p.name}' missing`);
      const v = params.get(p.name);
      const s = p.schema ? deref(p.schema) : undefined;
      if (v !== null && Array.isArray(s?.enum) && !s.enum.includes(v)) problems.push(`query parameter '${p.name}': '${v}' not one of ${JSON.stringify(s.enum)}`);
    }
  }
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (op.requestBody?.required && body === undefined) problems.push('request body missing');
  if (schema && body !== undefined) problems.push(...schemaProblems(schema, body, 'body'));
  if (!schema && body !== undefined && method !== 'GET') problems.push('the operation takes no JSON body');
  return { route: route.template, operationId: op.operationId, problems };
}
