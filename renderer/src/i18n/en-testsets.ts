// Plain names and descriptions of the test sets built from real text (issue 14), shown
// by the Benchmark view next to each set's top-1.
export const enTestsets = {
  'benchset.en-manpages': 'English, man pages in plain words',
  'benchset.en-manpages.about': 'Questions in everyday words, without command names, about 88 man-page passages of common commands.',
  'benchset.en-typos': 'English, with typos',
  'benchset.en-typos.about': 'Misspelt questions (dropped, doubled and swapped letters) about the same man-page passages.',
  'benchset.en-code': 'English, code identifiers',
  'benchset.en-code.about': 'Python standard-library functions, asked by identifier (os.makedirs exist_ok) or by what the code should do.',
  'benchset.en-licenses': 'English, licence names and numbers',
  'benchset.en-licenses.about': 'Sections of the GPL, LGPL, Apache, MPL and other licence texts, asked by licence, version and section number or in other words.',
  'benchset.zh-keyword': 'Chinese, keywords',
  'benchset.zh-keyword.about': 'Chinese keyword questions about Chinese man pages and the Chinese help of GNU coreutils.',
  'benchset.zh-en-mixed': 'Chinese and English mixed',
  'benchset.zh-en-mixed.about': 'Questions that mix Chinese words with command names, options and numbers, on the same Chinese passages.',
} as const;
