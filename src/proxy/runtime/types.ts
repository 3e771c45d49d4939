// The runtime's configuration types: no imports, so the browser code (client/) can use them too.

/** A user action the policy can block or monitor in the page. */
export type SessionActivity = 'copy' | 'cut' | 'paste' | 'print';

/** What the runtime does about one activity, and the message the user sees when it is blocked. */
export interface ActivityControl {
  readonly action: 'block' | 'monitor';
  readonly message: string;
  /** The policy rule that decided it, echoed in the activity event. */
  readonly rule: string | null;
}

/** Everything the client runtime knows: the host mapping (a copy of the rewriter's) and the activity controls. */
export interface RuntimeConfig {
  readonly suffix: string;
  readonly scheme: 'suffix' | 'flat';
  /** Protected patterns as the rewriter has them (`example.com`, `*.example.com`), lower-case punycode. */
  readonly domains: readonly string[];
  readonly publicScheme?: 'http' | 'https';
  readonly publicPort?: number;
  readonly activities?: Partial<Record<SessionActivity, ActivityControl>>;
  /** Where activity events are POSTed (same origin as the page): {@link ACTIVITY_ENDPOINT}. */
  readonly endpoint: string;
}
