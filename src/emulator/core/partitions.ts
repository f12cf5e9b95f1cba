/**
 * Accounts and regions. AWS keeps every account's resources in each region apart, so the
 * emulator does too: each (account, region) pair — a partition — gets its own instance of
 * every service module, created on first use from the same factories.
 *
 * - The region is the SigV4 signing scope (`Credential=AKID/date/REGION/service/aws4_request`),
 *   which is what AWS routes on.
 * - The account comes from the access key id, as LocalStack does: a 12-digit access key id is
 *   that account; any other key (`test`, `AKIA…`) is the default account 000000000000.
 *
 * Handlers never see this: the engine looks the partition's module up at dispatch time and
 * runs that instance's route, so a module's code stays single-tenant. A module that spans
 * partitions (traffic simulation: an API id names its partition) declares `scope: 'global'`.
 */
import {
  DEFAULT_SETTINGS,
  type EmulatorSettings,
  type ModuleContext,
  type ModuleFactory,
  type ServiceModule,
} from './types.js';

export interface Partition {
  accountId: string;
  region: string;
}

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PARTITION: Partition = { accountId: DEFAULT_ACCOUNT_ID, region: DEFAULT_REGION };

export const partitionKey = (p: Partition): string => `${p.accountId}/${p.region}`;

export function parsePartitionKey(key: string): Partition | undefined {
  const m = /^(\d{12})\/([a-z0-9-]+)$/.exec(key);
  return m ? { accountId: m[1], region: m[2] } : undefined;
}

/** The account an access key id stands for (LocalStack's rule: 12 digits = that account). */
export function accountOf(accessKeyId: string | undefined): string {
  return accessKeyId && /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT_ID;
}

/** The partition of a request, from its Authorization header (or presigned X-Amz-Credential). */
export function partitionOf(headers: Record<string, string | undefined>, query?: URLSearchParams): Partition {
  const credential =
    /Credential=([^,\s]+)/.exec(headers['authorization'] ?? '')?.[1] ?? query?.get('X-Amz-Credential') ?? '';
  const [accessKeyId, , region] = credential.split('/');
  return { accountId: accountOf(accessKeyId), region: region && /^[a-z0-9-]+$/.test(region) ? region : DEFAULT_REGION };
}

interface ModuleSet {
  partition: Partition;
  modules: ServiceModule[];
}

/** Every partition's module instances, plus the modules that span partitions. */
export class Partitions {
  private readonly sets = new Map<string, ModuleSet>();
  readonly globals: ServiceModule[] = [];
  /** The factories of partition-scoped modules, in order (the default partition's route order). */
  private readonly scoped: ModuleFactory[] = [];

  constructor(
    factories: ModuleFactory[],
    private readonly changed: () => void,
    readonly settings: EmulatorSettings = structuredClone(DEFAULT_SETTINGS),
  ) {
    const set: ModuleSet = { partition: DEFAULT_PARTITION, modules: [] };
    const ctx = this.contextFor(set);
    for (const factory of factories) {
      const m = factory(ctx);
      if (m.scope === 'global') {
        this.globals.push(m);
      } else {
        set.modules.push(m);
        this.scoped.push(factory);
      }
    }
    this.sets.set(partitionKey(DEFAULT_PARTITION), set);
  }

  /** The default partition's modules and the global ones: the route table's prototypes. */
  prototypes(): ServiceModule[] {
    return [...this.defaultSet().modules, ...this.globals];
  }

  isScoped(moduleName: string): boolean {
    return this.defaultSet().modules.some((m) => m.name === moduleName);
  }

  /** The partition's instance of a module (created with the whole partition on first use). */
  module<T extends ServiceModule = ServiceModule>(partition: Partition, name: string): T | undefined {
    const global = this.globals.find((m) => m.name === name);
    if (global) return global as T;
    return this.setFor(partition).modules.find((m) => m.name === name) as T | undefined;
  }

  /** Every existing partition with its modules (the default one first). */
  list(): Array<{ partition: Partition; modules: ServiceModule[] }> {
    return [...this.sets.values()];
  }

  private defaultSet(): ModuleSet {
    return this.sets.get(partitionKey(DEFAULT_PARTITION))!;
  }

  private setFor(partition: Partition): ModuleSet {
    const key = partitionKey(partition);
    let set = this.sets.get(key);
    if (!set) {
      set = { partition: { ...partition }, modules: [] };
      const ctx = this.contextFor(set);
      for (const factory of this.scoped) set.modules.push(factory(ctx));
      this.sets.set(key, set);
    }
    return set;
  }

  private contextFor(set: ModuleSet): ModuleContext {
    return {
      partition: set.partition,
      settings: this.settings,
      module: <T extends ServiceModule = ServiceModule>(name: string) =>
        (set.modules.find((m) => m.name === name) ?? this.globals.find((m) => m.name === name)) as T | undefined,
      partitions: <T extends ServiceModule = ServiceModule>(name: string) =>
        this.list().flatMap((s) => {
          const m = s.modules.find((x) => x.name === name);
          return m ? [{ partition: s.partition, module: m as T }] : [];
        }),
      changed: this.changed,
      siblings: () => [...set.modules, ...this.globals],
    };
  }

  /** Each partition's modules' state, by partition key, then module name (what `--state-file` keeps). */
  snapshot(): { partitions: Record<string, Record<string, unknown>>; global: Record<string, unknown> } {
    const partitions: Record<string, Record<string, unknown>> = {};
    for (const s of this.sets.values())
      partitions[partitionKey(s.partition)] = Object.fromEntries(s.modules.map((m) => [m.name, m.snapshot()]));
    return { partitions, global: Object.fromEntries(this.globals.map((m) => [m.name, m.snapshot()])) };
  }

  restore(saved: { partitions: Record<string, Record<string, unknown>>; global: Record<string, unknown> }): void {
    for (const [key, modules] of Object.entries(saved.partitions)) {
      const partition = parsePartitionKey(key);
      if (!partition) throw new Error(`state file: "${key}" is not an account/region key like 000000000000/us-east-1`);
      for (const m of this.setFor(partition).modules) if (m.name in modules) m.restore(modules[m.name]);
    }
    for (const m of this.globals) if (m.name in saved.global) m.restore(saved.global[m.name]);
  }

  /** Empties every module of every partition (instances stay, so references held by tests stay valid). */
  reset(initial: (m: ServiceModule) => unknown): void {
    for (const m of [...this.list().flatMap((s) => s.modules), ...this.globals]) {
      if (m.reset) m.reset();
      else m.restore(structuredClone(initial(m)));
    }
  }
}
