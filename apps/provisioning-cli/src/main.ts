#!/usr/bin/env node
import { run } from './lib/run/run.js';

// amrctl: the process binding of `run` (tests call `run` in-process with their own buffers).
// The SDK's "Node 22 will be required" notice would break the one-line-per-error contract on
// every call; the project supports Node >= 20 knowingly.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY,
});
