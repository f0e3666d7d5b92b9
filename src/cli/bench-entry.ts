// `node dist/cli/bench-entry.js ...`: the same as `sift bench ...`, without loading the
// rest of the app (LanceDB and co.): what the GPU script runs on a machine that only has
// node and node-llama-cpp.
import { benchCommand } from './bench.js';

process.exitCode = await benchCommand(process.argv.slice(2));
