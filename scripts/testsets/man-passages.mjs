// Prints the paragraphs of man pages as JSON lines ({page, section, text}), rendered by
// man(1) itself (groff), for picking test-set passages from real documentation:
//   node scripts/testsets/man-passages.mjs /usr/share/man/man1/wc.1.gz ... > passages.jsonl
// Not part of the app or CI: the shipped sets in resources/testsets hold the chosen text.
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';

for (const file of process.argv.slice(2)) {
  let text;
  try {
    text = execFileSync('sh', ['-c', 'man -l "$1" 2>/dev/null | col -bx', 'sh', file], {
      env: { ...process.env, LANG: 'C.UTF-8', MANWIDTH: '2000' },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    process.stderr.write(`${file}: ${error.message}\n`);
    continue;
  }
  const page = basename(file).replace(/\.gz$/, '');
  let section = '';
  let paragraph = [];
  const flush = () => {
    const joined = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (joined) process.stdout.write(`${JSON.stringify({ page, section, text: joined })}\n`);
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      flush();
      section = line.trim();
    } else if (line.trim() === '') flush();
    else paragraph.push(line.trim());
  }
  flush();
}
