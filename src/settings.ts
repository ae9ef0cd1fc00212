/** The one typed settings object: built from action inputs (inputs.ts) or CLI flags (cli.ts). */

export type Mode = 'validate' | 'plan' | 'deploy' | 'destroy';
export type PullPolicy = 'missing' | 'always' | 'never';
/** How resources that name no endpoint are placed across a pool (`placement` input). */
export type Placement = 'spread' | 'binpack';
/** `containers`: plain engines; `swarm`: a swarm manager, resources become services. */
export type Target = 'containers' | 'swarm';
/** `comment-on-pr`: always keep the PR comment, only when the plan changes something, or never. */
export type CommentOnPr = 'true' | 'changes-only' | 'false';

/** TLS material as PEM text (never logged). */
export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
}

/** One entry of the `endpoints` input (a bare URL becomes `{url}`). */
export interface EndpointEntry {
  url: string;
  tls?: TlsMaterial;
  sshPrivateKey?: string;
  sshKnownHosts?: string;
  /**
   * `false`: the entry stays reachable by name, but takes no pooled resources; the stack's
   * containers placed on it move to the pool (how an engine leaves the pool). Default true.
   */
  pool?: boolean;
}

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface Settings {
  /** Template path as given (relative to the workspace); diagnostics name it as is. */
  template: string;
  /** Absolute workspace root: get_file and environment files are confined to it. */
  workspace: string;
  mode: Mode;
  stackName: string;
  /** Values from the `parameters` input / --param: win over environment files. */
  parameters: Record<string, unknown>;
  /** Heat environment files, paths relative to the workspace. */
  environmentFiles: string[];
  /**
   * Endpoint for resources that name none: the docker-endpoint input (--endpoint), else, when no
   * pool of `endpoints` applies, DOCKER_HOST, else the local socket.
   */
  dockerEndpoint: string;
  /** True when dockerEndpoint was given explicitly (input or DOCKER_HOST), not defaulted. */
  dockerEndpointExplicit: boolean;
  /**
   * TLS material for dockerEndpoint alone, from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH (set only when
   * dockerEndpoint came from DOCKER_HOST). It wins over `tls` for that endpoint.
   */
  dockerEndpointTls?: TlsMaterial;
  /** Named endpoints from the `endpoints` input. */
  endpoints: Record<string, EndpointEntry>;
  /** Default TLS for tcp:// and https:// endpoints without their own. */
  tls?: TlsMaterial;
  sshPrivateKey?: string;
  sshKnownHosts?: string;
  /** Registry host → credentials. */
  registryAuth: Record<string, RegistryCredentials>;
  pull: PullPolicy;
  prune: boolean;
  rollback: boolean;
  /** Seconds a new container has to be running (and healthy). */
  waitTimeout: number;
  /**
   * Seconds a new container must stay running with no restart (healthy, with a health check) before
   * it counts as proven; within waitTimeout.
   */
  stableSeconds: number;
  /** Docker operations in flight per endpoint. */
  maxParallel: number;
  /** Seconds to wait for another run's lock on the same stack. */
  lockTimeout: number;
  /** Placement of resources that name no endpoint across a pool of endpoints. */
  placement: Placement;
  /** Plain containers, or Swarm services on a swarm manager. */
  target: Target;
  /** On a push: apply only the plan reviewed on the pull request that produced the commit. */
  requireReviewedPlan: boolean;
  /** For PR comments and deployments (masked; empty when not given). */
  githubToken: string;
  /** On pull_request events, plan/validate keep one PR comment per stack. */
  commentOnPr: CommentOnPr;
  /** When set, a GitHub deployment for that environment, with statuses. */
  deploymentEnvironment?: string;
  /** URL shown on the deployment (or a template output's name holding one). */
  environmentUrl?: string;
  /** The deployment's `transient_environment` / `production_environment`, when given (else GitHub's defaults). */
  deploymentTransient?: boolean;
  deploymentProduction?: boolean;
  /** Identifies this run in locks and labels (GITHUB_RUN_ID, or cli-<pid>). */
  runId: string;
  /** Informational label: the commit (GITHUB_SHA) when known. */
  revision?: string;
}
