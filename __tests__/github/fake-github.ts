/**
 * A local stand-in for api.github.com (127.0.0.1, a free port) that records every request, checks
 * each against GitHub's OpenAPI description (openapi-contract.ts), and keeps just the state hotdock
 * reads back: issue comments, the pull requests of a commit, deployments and their statuses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest } from './openapi-contract.js';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The OpenAPI path template it matched. */
  route?: string;
  body?: unknown;
  authorization?: string;
  problems: string[];
  status: number;
}

interface Comment {
  id: number;
  body: string;
  issue: number;
}

/** A pull request as `commits/{sha}/pulls` lists it. */
export interface FakePull {
  number: number;
  merged: boolean;
  mergeSha: string;
}

export class FakeGithub {
  readonly requests: RecordedRequest[] = [];
  readonly comments: Comment[] = [];
  readonly deployments: { id: number; body: Record<string, unknown>; statuses: Record<string, unknown>[] }[] = [];
  /** commit sha → pull requests associated with it. */
  readonly pulls = new Map<string, FakePull[]>();
  /** When true, every write answers 403 as a fork's read-only token gets. */
  readOnly = false;
  /** When true, every request answers 500. */
  broken = false;
  private server?: Server;
  private nextId = 1000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Every problem any request had against GitHub's description, as `METHOD path: problem`. */
  get violations(): string[] {
    return this.requests.flatMap((r) => r.problems.map((p) => `${r.method} ${r.path}: ${p}`));
  }

  /** The requests of one operation (`METHOD /route/template`). */
  calls(operation: string): RecordedRequest[] {
    return this.requests.filter((r) => `${r.method} ${r.route}` === operation);
  }

  htmlUrl(pr: number): string {
    return `https://github.com/acme/shop/pull/${pr}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    const problems: string[] = [];
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      problems.push('body is not JSON');
    }
    const method = req.method ?? 'GET';
    const check = checkRequest(method, req.url ?? '/', body);
    problems.push(...check.problems);
    if (text && !String(req.headers['content-type']).startsWith('application/json')) problems.push(`content-type ${req.headers['content-type']}`);
    const [status, reply] = this.answer(method, check.route, (req.url ?? '').split('?')[0], body as Record<string, unknown>);
    this.requests.push({ method, path: req.url ?? '', route: check.route, body, authorization: req.headers.authorization, problems, status });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(reply));
  }

  private comment(c: Comment) {
    return { id: c.id, body: c.body, html_url: `${this.htmlUrl(c.issue)}#issuecomment-${c.id}`, user: { login: 'github-actions[bot]', type: 'Bot' } };
  }

  private answer(method: string, route: string | undefined, path: string, body: Record<string, unknown>): [number, unknown] {
    const parts = path.split('/');
    const write = method !== 'GET';
    if (this.broken) return [500, { message: 'Server Error' }];
    if (write && this.readOnly) return [403, { message: 'Resource not accessible by integration', status: '403' }];
    switch (`${method} ${route}`) {
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments':
        return [200, this.comments.filter((c) => c.issue === Number(parts[5])).map((c) => this.comment(c))];
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const c = { id: this.nextId++, body: String(body.body), issue: Number(parts[5]) };
        this.comments.push(c);
        return [201, this.comment(c)];
      }
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const c = this.comments.find((x) => x.id === Number(parts[6]));
        if (!c) return [404, { message: 'Not Found' }];
        c.body = String(body.body);
        return [200, this.comment(c)];
      }
      case 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls':
        return [200, (this.pulls.get(parts[5]) ?? []).map((p) => ({
          number: p.number,
          html_url: this.htmlUrl(p.number),
          state: p.merged ? 'closed' : 'open',
          merged_at: p.merged ? '2026-01-01T00:00:00Z' : null,
          merge_commit_sha: p.mergeSha,
        }))];
      case 'POST /repos/{owner}/{repo}/deployments': {
        const d = { id: this.nextId++, body, statuses: [] };
        this.deployments.push(d);
        return [201, { id: d.id, sha: body.ref, ref: body.ref, environment: body.environment, payload: body.payload }];
      }
      case 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': {
        const d = this.deployments.find((x) => x.id === Number(parts[5]));
        if (!d) return [404, { message: 'Not Found' }];
        d.statuses.push(body);
        return [201, { id: this.nextId++, state: body.state }];
      }
      default:
        return [404, { message: 'Not Found' }];
    }
  }
}
