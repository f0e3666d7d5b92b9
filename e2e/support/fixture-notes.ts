// A small folder of notes on distinct topics, so a paraphrased query has one right answer.
// The starter model knows English words only (GloVe), so queries must share meaning and
// vocabulary with the note they should find; the Chinese note checks that non-English
// text and file names go through indexing without breaking anything.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NOTES: Record<string, string> = {
  'password-reset.md': `# Forgot your password?

If you cannot sign in to your account, open the login page and choose "Forgot password".
Enter the email address of the account and we send you a reset link. The link works for
one hour. Pick a new password you have not used before, then sign in again. If the email
never arrives, look in the spam folder or contact support to unlock the account.
`,
  'sourdough-bread.txt': `Baking sourdough bread at home

Feed the starter the night before so it is bubbly. Mix flour, water and salt, then fold
the dough every half hour for three hours. Shape the loaf, let it rise overnight in the
fridge, and bake it in a very hot oven inside a covered pot. A good crust crackles as the
bread cools on the rack.
`,
  'marathon-training.md': `# Marathon training plan

Build your weekly mileage slowly over sixteen weeks. Run most miles at an easy pace, add
one tempo run and one long run every week, and rest the day after the long run. Eat
carbohydrates before the race, drink water at every station, and do not start too fast.
`,
  'repotting-houseplants.txt': `Repotting houseplants

Most houseplants need a bigger pot every spring when roots circle the bottom. Water the
plant a day ahead, ease it out, loosen the roots, and set it in fresh potting soil in a
pot with a drainage hole. Keep it out of direct sun for a week while it settles.
`,
  'filing-taxes.md': `# Filing income taxes

Collect your salary statements, bank interest and receipts for deductions before the
deadline in April. Fill in the income tax return, check the refund or the amount you owe,
and keep copies of every form for seven years in case of an audit.
`,
  '中文笔记.md': `# 周末爬山笔记

周六早上七点出发，坐地铁到山脚。山路不难走，大约两个小时到山顶。
记得带足够的水和零食，山顶风大，要多穿一件外套。下山后在镇上吃了面条。
`,
};

/** Writes the notes into `dir` (created if needed; rewriting is harmless). */
export function writeFixtureNotes(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(NOTES)) writeFileSync(join(dir, name), text);
  return dir;
}
