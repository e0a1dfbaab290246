// The runtime the suite runs on, and what `npm start` runs, started for real under it.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkRuntime } from '../dev/lib/runtime-check.js';
import { parseStart, startCommand } from '../dev/lib/start-command.js';

const project = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(project, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

describe('runtime', () => {
  it('runs on the Node line the project provides (the `node` dev dependency), not the system’s', () => {
    const provided = Number(pkg.devDependencies.node?.split('.')[0]);
    expect(provided, 'a supported LTS line').to.be.oneOf([22, 24, 26]);
    expect(Number(process.versions.node.split('.')[0])).to.equal(provided);
    expect(pkg.engines.node).to.equal('>=22');
  });

  it('what `npm start` runs is read from its script, Node flags and entry, for the bench and the runtime check', () => {
    expect(parseStart('npm run build && node --optimize-for-size --max-semi-space-size=8 dist/bot/index.js')).to.deep.equal({ nodeFlags: ['--optimize-for-size', '--max-semi-space-size=8'], entry: 'dist/bot/index.js' });
    expect(parseStart('npm run build && node dist/bot/index.js')).to.deep.equal({ nodeFlags: [], entry: 'dist/bot/index.js' });
    expect(() => parseStart('tsx bot/index.ts')).to.throw(/start script is not/);
    // The shipped script: the compiled entry, and the README's Deploy section gives the same command.
    const shipped = startCommand(project);
    expect(shipped.entry).to.equal('dist/bot/index.js');
    expect(readFileSync(resolve(project, 'README.md'), 'utf8')).to.include(`\`node ${[...shipped.nodeFlags, shipped.entry].join(' ')}\``);
  });

  it('`npm start`’s build starts with the embedded store and answers help, with no deprecation warning', async function () {
    this.timeout(120_000);
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: project, stdio: 'pipe' });
    const result = await checkRuntime(process.execPath, project, 60_000);
    expect(result.node).to.equal(process.version);
    expect(result.helpTitle).to.equal('Child protection conferences');
    expect(result.warnings).to.deep.equal([]);
  });
});
