// Replays HTTP requests as another local user: a separate node process started with
// `setpriv --reuid 65534` (nobody), the way the probe in issue 12 attacked `sift serve`.
// Where the machine does not allow that (not root, no setpriv), the same process runs as
// this user, which still has no session cookie and no token: the server must refuse both
// alike, since all it sees is a loopback connection.
import { spawn, spawnSync } from 'node:child_process';

export interface StrangerRequest {
  method?: string;
  /** Request target as sent on the wire (not normalised: '/../x' stays as it is). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface StrangerAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The first 64 KB of the body. */
  body: string;
}

export interface StrangerRun {
  /** 'nobody (uid 65534)' or 'this user, without cookie or token'. */
  who: string;
  uid: number;
  answers: StrangerAnswer[];
}

const NOBODY = 65534;

// Plain JavaScript, only node: built-ins, so any user can run it from anywhere.
const SCRIPT = `
const http = require('node:http');
const { port, requests } = JSON.parse(process.env.SIFT_STRANGER_REQUESTS);
(async () => {
  const answers = [];
  for (const r of requests) {
    answers.push(await new Promise((resolve) => {
      let answer = { status: 0, headers: {}, body: '' };
      const req = http.request({ host: '127.0.0.1', port, method: r.method || 'GET', path: r.path, headers: r.headers || {} }, (res) => {
        answer = { status: res.statusCode, headers: res.headers, body: '' };
        res.setEncoding('utf8');
        res.on('data', (chunk) => { if (answer.body.length < 65536) answer.body += chunk; });
        res.on('end', () => resolve(answer));
      });
      // An answer that never ends (an event stream let through) is cut after 3 s.
      req.setTimeout(3000, () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve(answer.status ? answer : { status: 0, headers: {}, body: String(error) }));
      req.end(r.body);
    }));
  }
  process.stdout.write(JSON.stringify({ uid: process.getuid ? process.getuid() : -1, answers }));
})();
`;

let canSwitch: boolean | undefined;

/** Whether this machine lets us run a process as nobody (root with util-linux's setpriv). */
export function canRunAsNobody(): boolean {
  if (canSwitch === undefined) {
    const probe = spawnSync('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, '-e', 'process.stdout.write(String(process.getuid()))'], {
      cwd: '/',
      encoding: 'utf8',
      timeout: 10_000,
    });
    canSwitch = probe.status === 0 && probe.stdout === String(NOBODY);
  }
  return canSwitch;
}

export async function asStranger(port: number, requests: StrangerRequest[]): Promise<StrangerRun> {
  const nobody = canRunAsNobody();
  const [command, args] = nobody
    ? ['setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', process.execPath, '-e', SCRIPT]]
    : [process.execPath, ['-e', SCRIPT]];
  const child = spawn(command as string, args as string[], {
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SIFT_STRANGER_REQUESTS: JSON.stringify({ port, requests }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`The stranger's process failed (${code}): ${err}`);
  const parsed = JSON.parse(out) as { uid: number; answers: StrangerAnswer[] };
  return { who: nobody ? `nobody (uid ${NOBODY})` : 'this user, without cookie or token', ...parsed };
}
