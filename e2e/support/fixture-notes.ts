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
  'bicycle-maintenance.md': bicycleNote(),
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

/** A long note in three sections, so a search can show several passages of one file. */
function bicycleNote(): string {
  return `# Bicycle maintenance

## Chain

A clean chain makes every trip easier. Shift to the smallest cog, hold a rag around the
lower run of the chain and turn the pedals backwards for a minute to wipe off the grime.
Put one drop of chain oil on each roller, wait a few minutes for it to soak in, then wipe
the outside dry again; oil left on the outside only collects dirt. A chain stretches as it
wears, and a worn chain wears out the cogs as well. Measure it every few months with a
chain checker, and replace it once it shows half a percent of stretch. If the chain skips
under load or clicks on every turn of the pedals, the gears may need adjusting rather than
a new chain. Carry a quick link and a small chain tool on long rides, because a broken
chain is easy to join again at the side of the road.

## Brakes

Squeeze both brake levers before you ride. They should feel firm and stop well before the
lever reaches the handlebar. Rim brake pads have grooves; when the grooves are gone, fit
new pads and line them up so they meet the rim squarely and never touch the tyre. Disc
brakes need pads with at least a millimetre of material left, and rotors free of oil, so
never spray lubricant near them. A squeal after rain usually goes away once the pads dry,
but a grinding noise means metal is touching metal and the pads must be replaced at once.
Brake cables stretch over time; turn the barrel adjuster a little to take up the slack.
If a hydraulic brake feels soft or spongy, it probably has air in the line and should be
bled by a bike shop.

## Tyres

Check the tyre pressure once a week, because tyres lose air slowly even without a hole.
The range is printed on the side of the tyre; use the lower end for comfort on rough roads
and the higher end for speed on smooth ones. Look for cuts, glass and worn patches in the
tread, and pick out small stones with a fingernail. To fix a flat, take the wheel out,
lever one side of the tyre off the rim, find the hole in the inner tube by pumping it up
and listening, and run your fingers around the inside of the tyre to find what caused it.
Patch the tube or fit a new one, put a little air in so it keeps its shape, and push the
tyre back on with your thumbs. Pump it up to the right pressure and spin the wheel to
check that the tyre sits evenly on the rim.
`;
}
