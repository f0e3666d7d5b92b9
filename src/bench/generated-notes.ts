// Generated markdown notes for the pipeline benchmarks: 2-6 paragraphs of 30-120 common
// English words each, deterministic in the note's number.

const WORDS = (
  'river mountain bread garden password travel music science history ocean winter summer market doctor library ' +
  'computer network language picture window morning evening student teacher village engine harbor forest'
).split(' ');

export function noteText(i: number): string {
  const paragraphs = 2 + (i % 5);
  const out: string[] = [`# Note ${i}`];
  for (let p = 0; p < paragraphs; p++) {
    const words = 30 + ((i * 13 + p * 7) % 90);
    out.push(Array.from({ length: words }, (_, w) => WORDS[(i * 31 + p * 17 + w * 7 + ((w * w) % 11)) % WORDS.length]).join(' ') + '.');
  }
  return out.join('\n\n');
}
