// English strings of the relevance scale (how well a hit answers the query), the fold of
// weaker matches, the "no good match" state and the search box's syntax help.
import type { Message } from './messages.js';

export const enRelevance = {
  'relevance.strong': 'Strong',
  'relevance.good': 'Good',
  'relevance.weak': 'Weak',
  'relevance.tooltip': '{level} match: relevance {value} of 1. The same scale for every search; below 0.4 a match is weak.',

  'search.weakerShow': { one: 'Show {count} weaker match', other: 'Show {count} weaker matches' },
  'search.weakerHide': 'Hide weaker matches',
  'search.weakerHeading': 'Weaker matches',
  'search.noGoodTitle': 'No good match for “{query}”',
  'search.noGoodHint': 'Nothing in your folders answers this well. The closest passages are weak matches; try other words, the Keywords mode or fewer filters.',

  'syntax.button': 'Search syntax',
  'syntax.title': 'Search syntax',
  'syntax.phrase': 'the words next to each other, in this order',
  'syntax.required': 'must contain the word',
  'syntax.excluded': 'must not contain the word (or "a phrase"); options such as -l or --help stay words',
  'syntax.typos': 'Other words are matched by meaning and by spelling; a small typo is forgiven (pasword finds password).',
  'syntax.exampleRequired': '+word',
  'syntax.exampleExcluded': '-word',
  'syntax.examplePhrase': '"exact phrase"',
} as const satisfies Record<string, Message>;
