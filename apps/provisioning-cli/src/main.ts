#!/usr/bin/env node
import { run } from './lib/run/run.js';

// amrctl: the process binding of `run` (tests call `run` in-process with their own buffers).
// The SDK's "Node 22 will be required" notice would break the one-line-per-error contract on
// every call; the project supports Node >= 20 knowingly.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
// `amrctl things list | head`: the reader went away; stop quietly like other Unix tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY,
});
