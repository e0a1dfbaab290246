// `npm run policy -- check FILE_OR_FOLDER...`: checks policy files as the bot will at start-up,
// printing every problem with the field's path and what is expected. Exit code 1 on any problem.
// `npm run policy -- schema`: the JSON Schema of a policy file, for editors' completion and hints.
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { Policy } from '../rules/policy-schema.js';
import { pathToFileURL } from 'node:url';
import { checkPolicyDir, checkPolicyFile, describeProblems, type FileCheck } from './load.js';

const USAGE = 'usage: npm run policy -- check FILE_OR_FOLDER...   |   npm run policy -- schema';

async function check(target: string): Promise<FileCheck[]> {
  const isDir = await stat(target).then((s) => s.isDirectory(), () => false);
  return isDir ? checkPolicyDir(target) : [await checkPolicyFile(target)];
}

export async function main(args: readonly string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, ...targets] = args;
  if (command === 'schema' && targets.length === 0) {
    out(JSON.stringify(z.toJSONSchema(Policy, { io: 'input', unrepresentable: 'any' }), null, 2));
    return 0;
  }
  if (command !== 'check' || targets.length === 0) {
    out(USAGE);
    return 2;
  }
  const checks = (await Promise.all(targets.map(check))).flat();
  for (const c of checks) {
    if (c.problems.length === 0 && c.policy) out(`${c.file}: ok — ${c.policy.area}, policy "${c.policy.id}" version ${c.policy.version}`);
  }
  const problems = describeProblems(checks);
  for (const line of problems) out(line);
  if (problems.length > 0) out(`${problems.length} problem${problems.length === 1 ? '' : 's'} found.`);
  return problems.length > 0 ? 1 : 0;
}

// Run as a script (no top-level await: test runners load this module too).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
