import { resolve } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { CliError } from '../errors/CliError.js';
import { EXIT_CODES } from '../errors/constants.js';
import type { CommandContext } from '../commands/types.js';
import type { CliIo } from '../io/types.js';
import { resolveTarget } from '../target/resolveTarget.js';
import { GlobalOptionsSchema, type GlobalOptions } from '../target/schemas.js';
import type { Target } from '../target/types.js';
import { buildProgram } from './buildProgram.js';
import { formatError } from './formatError.js';
import { normalizeArgv } from './normalizeArgv.js';

/**
 * Runs amrctl with `argv` (the arguments after the executable) against `io` and resolves to the
 * exit code; never throws and never calls `process.exit`, so tests run it in-process. Exit codes:
 * 0 ok, 1 failure, 2 usage, 3 not found, 4 a check answered "no" (see the README).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const targets: Target[] = [];
  let debug = argv.includes('--debug');
  const program = buildProgram(io, {
    context: (command) => {
      const globals = parseGlobals(command);
      debug = globals.debug === true;
      return createContext(io, globals, targets);
    },
  });
  const names = new Set(program.commands.map((command) => command.name()));
  try {
    await program.parseAsync(normalizeArgv(argv, names), { from: 'user' });
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message or the help text.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    const { line, exitCode } = formatError(error, debug);
    io.stderr.write(line);
    return exitCode;
  } finally {
    for (const target of targets) target.close();
  }
}

function parseGlobals(command: Command): GlobalOptions {
  const parsed = GlobalOptionsSchema.safeParse(command.optsWithGlobals());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      'USAGE',
      `Invalid option --${kebab(issue?.path.map(String).join('.') ?? '')}: ${issue?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/gu, (letter) => `-${letter.toLowerCase()}`);
}

function createContext(io: CliIo, globals: GlobalOptions, targets: Target[]): CommandContext {
  const cwd = io.cwd ?? process.cwd();
  const json = globals.json === true;
  let target: Promise<Target> | undefined;
  const print = (text: string): void => {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  return {
    io,
    globals,
    json,
    now: () => io.now?.() ?? new Date(),
    resolvePath: (path) => resolve(cwd, path),
    target(templateName) {
      target ??= resolveTarget({
        globals,
        cwd,
        ...(templateName === undefined ? {} : { templateName }),
      }).then((resolved) => {
        targets.push(resolved);
        return resolved;
      });
      return target;
    },
    print,
    warn: (text) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    emit(data, human) {
      print(json ? JSON.stringify(data, null, 2) : human(data));
    },
  };
}
