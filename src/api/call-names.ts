// The names of the contract's calls, free of any runtime dependency: the sandboxed
// preload imports this and cannot load packages such as zod.
export const CALL_NAMES = [
  'addFolder',
  'removeFolder',
  'listFolders',
  'pauseFolder',
  'resumeFolder',
  'reindexFolder',
  'search',
  'status',
  'runBenchmark',
  'listBenchmarks',
  'listTestSets',
  'getSettings',
  'updateSettings',
  'listModels',
  'downloadModel',
  'cancelDownload',
  'deleteModel',
  'importModel',
  'activateModel',
  'previewFile',
] as const;
export type CallNameLiteral = (typeof CALL_NAMES)[number];
