/** Shapes shared by the Docker-facing modules. */
import type { TlsMaterial } from '../settings.js';

/** A parsed endpoint URL (syntax only; see endpoint-url.ts). */
export type ParsedEndpoint =
  | { kind: 'unix'; socketPath: string }
  /** tcp:// (TLS when material is given), http:// (never TLS), https:// (always TLS), bare host:port (as tcp). */
  | { kind: 'tcp' | 'http' | 'https'; host: string; port: number }
  | { kind: 'ssh'; user: string; host: string; port: number };

/** Where a resource goes: a URL plus the credentials that apply to it. */
export interface EndpointTarget {
  /** Display name in logs, errors and outputs: the `endpoints` entry name, else the URL as given. */
  name: string;
  url: string;
  parsed: ParsedEndpoint;
  tls?: TlsMaterial;
  sshPrivateKey?: string;
  sshKnownHosts?: string;
}
