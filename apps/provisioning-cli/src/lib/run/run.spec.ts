import type { Command } from 'commander';
import { runCli } from '../../testing/startCliTestCloud.js';
import { buildProgram } from './buildProgram.js';

function leafPaths(command: Command, prefix: string[] = []): string[][] {
  const own = command.name() === 'amrctl' ? [] : [...prefix, command.name()];
  if (command.commands.length === 0) return [own];
  return [own, ...command.commands.flatMap((child) => leafPaths(child, own))];
}

describe('run', () => {
  const program = buildProgram(
    { stdout: { write: () => true }, stderr: { write: () => true } },
    {
      context: () => {
        throw new Error('not run');
      },
    },
  );
  const paths = leafPaths(program);

  it('has --help with an example on every command', async () => {
    expect(paths.length).toBeGreaterThan(15);
    for (const path of paths) {
      const result = await runCli([...path, '--help']);
      expect({ path, code: result.code, stderr: result.stderr }).toEqual({
        path,
        code: 0,
        stderr: '',
      });
      expect({ path, example: /Examples?:\n {2}\$ amrctl/u.test(result.stdout) }).toEqual({
        path,
        example: true,
      });
    }
  });

  it('documents the exit codes in the top-level help', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toContain(
      'Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 check failed',
    );
  });

  it('answers unknown commands and options with exit 2 and one message', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^amrctl: unknown command 'frobnicate'/u);
    const option = await runCli(['things', 'list', '--nope']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^amrctl: unknown option '--nope'/u);
    const missing = await runCli(['policy', 'check']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^amrctl: required option '.*' not specified/u);
    const noArgument = await runCli(['thing', 'show']);
    expect(noArgument.code).toBe(2);
    const suggested = await runCli(['--regio', 'x']); // commander adds "(Did you mean --region?)"
    expect(suggested.code).toBe(2);
    for (const result of [unknown, option, missing, noArgument, suggested]) {
      expect(result.stderr).toMatch(/^amrctl: .+ \(see --help\)\n$/u);
      expect(result.stdout).toBe('');
    }
  });

  it('refuses a bad --account-id as usage', async () => {
    const result = await runCli(['--account-id', '12', '--region', 'x', 'things', 'list']);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toBe('amrctl: Invalid option --account-id: expected 12 digits\n');
  });
});
