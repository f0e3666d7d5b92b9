// Which Sift configurations a benchmark run compares, from a compact spec:
//   auto | N | NxS, each optionally with :public (node-llama-cpp's public embedding API)
//   and/or :skip (LLAMA_EMBD_SKIP_LOGITS, for a llama.cpp built with
//   scripts/gpu/llama-skip-logits.patch). E.g. "4:public,4,4x16,4x16:skip".

export interface SiftVariant {
  /** Pool size; undefined = Sift's own choice. */
  contexts?: number;
  /** Texts per decode; undefined = Sift's default for the addon. */
  sequences?: number;
  decodePath: 'auto' | 'public-api';
  skipLogits: boolean;
}

export function parseVariants(spec: string): SiftVariant[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [size, ...flags] = part.split(':');
      const variant: SiftVariant = { decodePath: 'auto', skipLogits: false };
      const match = /^(auto|\d+)(?:x(\d+))?$/.exec(size ?? '');
      if (!match) throw new Error(`bad variant "${part}": expected auto, N or NxS, then :public / :skip`);
      if (match[1] !== 'auto') variant.contexts = Number(match[1]);
      if (match[2] !== undefined) variant.sequences = Number(match[2]);
      if ((variant.contexts ?? 1) < 1 || (variant.sequences ?? 1) < 1) throw new Error(`bad variant "${part}": sizes start at 1`);
      for (const flag of flags) {
        if (flag === 'public') variant.decodePath = 'public-api';
        else if (flag === 'skip') variant.skipLogits = true;
        else throw new Error(`bad variant flag ":${flag}" in "${part}" (expected :public or :skip)`);
      }
      return variant;
    });
}
