// Whole-process GPU memory, as nvidia-smi reports it: what a user sees in their task
// manager, the CUDA context and llama.cpp's memory pools included (which the VRAM figure
// Sift measures around a model load leaves out). Sampled a few times a second while an
// engine runs; the peak is kept. Only on NVIDIA machines with nvidia-smi; elsewhere the
// sampler reports nothing.
import { execFile } from 'node:child_process';

const MIB = 2 ** 20;

function nvidiaSmi(args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', args, { timeout: 5000 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

/** MiB used by each process on the GPU (pid -> bytes); undefined without nvidia-smi. */
export async function processGpuMemory(): Promise<Map<number, number> | undefined> {
  const out = await nvidiaSmi(['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits']);
  if (out === undefined) return undefined;
  const usage = new Map<number, number>();
  for (const line of out.trim().split('\n')) {
    const [pid, used] = line.split(',').map((x) => Number(x.trim()));
    if (Number.isInteger(pid) && Number.isFinite(used)) usage.set(pid!, (usage.get(pid!) ?? 0) + used! * MIB);
  }
  return usage;
}

/** Bytes in use on the first GPU, all processes together; undefined without nvidia-smi. */
export async function deviceGpuMemoryUsed(): Promise<number | undefined> {
  const out = await nvidiaSmi(['--query-gpu=memory.used', '--format=csv,noheader,nounits']);
  const used = out === undefined ? NaN : Number(out.trim().split('\n')[0]);
  return Number.isFinite(used) ? used * MIB : undefined;
}

export interface GpuMemoryPeak {
  /** Peak of the watched process as nvidia-smi lists it (undefined if it never appeared). */
  processBytes?: number;
  /** Peak of the whole GPU minus the baseline taken before the process used it. */
  deviceDeltaBytes?: number;
  samples: number;
}

/** Polls nvidia-smi every `intervalMs` until stop(); the peaks for `pid`. */
export class GpuMemorySampler {
  private processPeak: number | undefined;
  private devicePeak: number | undefined;
  private samples = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly pid: () => number | undefined,
    private readonly baselineBytes: number | undefined,
    intervalMs = 250,
  ) {
    this.loop = (async () => {
      while (this.running) {
        await this.sample();
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    })();
  }

  private async sample(): Promise<void> {
    const [perProcess, device] = await Promise.all([processGpuMemory(), deviceGpuMemoryUsed()]);
    const pid = this.pid();
    const mine = pid === undefined ? undefined : perProcess?.get(pid);
    if (mine !== undefined) this.processPeak = Math.max(this.processPeak ?? 0, mine);
    if (device !== undefined) this.devicePeak = Math.max(this.devicePeak ?? 0, device);
    this.samples++;
  }

  /** One last sample (the state at the end of the run), then the peaks. */
  async stop(): Promise<GpuMemoryPeak> {
    this.running = false;
    await this.loop;
    await this.sample();
    const deviceDeltaBytes =
      this.devicePeak !== undefined && this.baselineBytes !== undefined ? Math.max(0, this.devicePeak - this.baselineBytes) : undefined;
    return { processBytes: this.processPeak, deviceDeltaBytes, samples: this.samples };
  }
}
