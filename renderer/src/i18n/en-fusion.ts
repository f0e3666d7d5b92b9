// Plain names and descriptions of the test sets added with the held-out fusion work
// (issue 14, part 1), shown by the Benchmark view next to each set's top-1.
export const enFusion = {
  'benchset.en-packages': 'English, what software is for',
  'benchset.en-packages.about': 'Descriptions of 60 Debian packages, asked in everyday words for what a package does (scramble my messages, shrink data), with similar packages as distractors.',
  'benchset.en-everyday': 'English, everyday searches',
  'benchset.en-everyday.about': 'Short queries as typed into a search box (wifi keeps disconnecting, fix a dripping tap) for the reworded set’s documents: some words shared with the answer, some not.',
} as const;
