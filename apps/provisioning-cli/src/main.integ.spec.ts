import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startCliTestCloud, type CliTestCloud } from './testing/startCliTestCloud.js';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

function amrctl(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Runs against the build: the project's test target depends on its own build (package.json).
describe('dist/main.js (the amrctl executable)', () => {
  let t: CliTestCloud;
  beforeAll(async () => {
    t = await startCliTestCloud();
  });
  afterAll(() => t.close());

  it('runs setup and answers with exit codes and single error lines', async () => {
    const setup = await amrctl(['--local', t.dataDir, 'setup', '--json']);
    expect(setup).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(setup.stdout)).toMatchObject({ resources: [{ action: 'created' }, {}, {}] });

    const missing = await amrctl(['--local', t.dataDir, 'thing', 'show', 'AMR-NOPE']);
    expect(missing).toMatchObject({ code: 3, stdout: '' });
    expect(missing.stderr.trim().split('\n')).toEqual([
      'amrctl: No thing "AMR-NOPE" in this account (check the serial and the thing name prefix)',
    ]);

    const usage = await amrctl(['kit']);
    expect(usage.code).toBe(2);
  }, 30_000);
});
