// Reading the policy files a deployment supplies (one JSON file per area's procedures, in the
// folder POLICY_DIR names). Each is checked with the rules' schema before the bot uses it; a
// malformed file stops the start-up with every problem, naming the file and the field.
import { readFile, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Policy, policyProblems } from '../rules/policy-schema.js';

/** The four built-in policies shipped with the project (the default folder). */
export const SHIPPED_POLICY_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

export interface FileCheck {
  file: string;
  policy?: Policy;
  /** "path.to.field: what is expected", one per problem; empty when the file is good. */
  problems: string[];
}

/** Check one policy file: readable, JSON, and valid against the schema. */
export async function checkPolicyFile(file: string): Promise<FileCheck> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { file, problems: [`(the file): cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { file, problems: [`(the file): not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = Policy.safeParse(value);
  return parsed.success ? { file, policy: parsed.data, problems: [] } : { file, problems: policyProblems(parsed.error) };
}

/** Check every `*.json` file of a folder, and that no two files share a policy id. */
export async function checkPolicyDir(dir: string): Promise<FileCheck[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    return [{ file: dir, problems: [`(the folder): cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`] }];
  }
  if (names.length === 0) return [{ file: dir, problems: ['(the folder): no policy files (*.json) in it'] }];
  const checks = await Promise.all(names.map((n) => checkPolicyFile(join(dir, n))));
  const firstWithId = new Map<string, string>();
  for (const c of checks) {
    if (!c.policy) continue;
    const other = firstWithId.get(c.policy.id);
    if (other) c.problems.push(`id: "${c.policy.id}" is already the id of ${basename(other)}: each policy has its own id (raise "version" in one file instead of keeping two)`);
    else firstWithId.set(c.policy.id, c.file);
  }
  return checks;
}

/** The policies a deployment offers, by id: the current version of each. */
export class PolicySet {
  private readonly byId: ReadonlyMap<string, Policy>;
  constructor(
    readonly dir: string,
    policies: readonly Policy[],
    /** The file each policy was read from, by id. */
    readonly files: ReadonlyMap<string, string> = new Map(),
  ) {
    this.byId = new Map(policies.map((p) => [p.id, p]));
  }

  get(id: string): Policy | undefined {
    return this.byId.get(id);
  }

  list(): Policy[] {
    return [...this.byId.values()];
  }
}

export class PolicyFileError extends Error {
  override readonly name = 'PolicyFileError';
}

/** Every problem, one line each, prefixed with its file. */
export function describeProblems(checks: readonly FileCheck[]): string[] {
  return checks.flatMap((c) => c.problems.map((p) => `${c.file}: ${p}`));
}

/** Load the folder's policies, or throw naming each bad file and field: the bot does not start then. */
export async function loadPolicies(dir: string = SHIPPED_POLICY_DIR): Promise<PolicySet> {
  const folder = resolve(dir);
  const checks = await checkPolicyDir(folder);
  const problems = describeProblems(checks);
  if (problems.length > 0) throw new PolicyFileError(`Policy files in ${folder} are not valid; the bot does not start until they are:\n  ${problems.join('\n  ')}`);
  return new PolicySet(folder, checks.map((c) => c.policy!), new Map(checks.map((c) => [c.policy!.id, c.file])));
}
