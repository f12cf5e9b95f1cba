/**
 * Which Node.js versions apigw-sync supports (package.json `engines`, the CI matrix), and
 * what a user hears about it: on a supported version, nothing — the AWS SDK's own
 * NodeVersionSupportWarning is about SDK releases we have not shipped, and the user cannot
 * act on it; on another version, one line in our words saying what to do.
 */
export const SUPPORTED_NODE_MAJORS = [20, 22, 24] as const;

export const SDK_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export interface NodeCheckInput {
  /** `process.versions.node`, e.g. `24.11.1`. */
  version: string;
  env: NodeJS.ProcessEnv;
  warn: (line: string) => void;
}

export function isSupportedNode(version: string): boolean {
  return (SUPPORTED_NODE_MAJORS as readonly number[]).includes(Number(version.split('.')[0]));
}

/**
 * Runs `make` (an SDK client constructor: that is where the SDK warns) with the SDK's warning
 * off on a supported version, then puts the environment back: a program that embeds the
 * library keeps its own setting for its own clients.
 */
export function withoutSdkNodeWarning<T>(
  make: () => T,
  env: NodeJS.ProcessEnv = process.env,
  version = process.versions.node,
): T {
  if (!isSupportedNode(version) || env[SDK_WARNING_SWITCH] !== undefined) return make();
  env[SDK_WARNING_SWITCH] = 'true';
  try {
    return make();
  } finally {
    delete env[SDK_WARNING_SWITCH];
  }
}

/** Returns whether the version is supported; warns once when it is not. */
export function checkNodeVersion({ version, env, warn }: NodeCheckInput): boolean {
  const supported = isSupportedNode(version);
  // Our message replaces the SDK's on unsupported versions too: one message, not two.
  if (env[SDK_WARNING_SWITCH] === undefined) env[SDK_WARNING_SWITCH] = 'true';
  if (!supported) {
    warn(
      `apigw-sync: Node.js ${version} is not a supported version (supported: ${SUPPORTED_NODE_MAJORS.join(', ')}). ` +
        `Commands may fail; install Node.js 24 LTS (e.g. \`nvm install 24\`) and run apigw-sync with it.\n`,
    );
  }
  return supported;
}
