// Every error the core can send to a UI, by key, with the names of the parameters its
// sentence needs. The renderer words each key in every language (`error.<key>` in
// renderer/src/i18n); its test walks this table, so a key added here without a translation
// in en and zh-CN fails there. Parts (ErrorDetail.parts) are keys of this same table,
// worded first and put into their parent's sentence under the part's name.
export const ERROR_KEYS = {
  // Folders (core.ts, typed-path.ts)
  folderRelative: ['example'],
  folderNotFound: ['path'],
  folderUnreadable: ['path', 'reason'],
  notAFolder: ['path'],
  folderAlreadyAdded: ['path'],
  folderInsideAdded: ['path', 'folder'],
  folderContainsAdded: ['path', 'folder'],
  folderNotAdded: ['path'],
  folderIgnoreUnreadable: ['path', 'reason'],
  folderSystem: ['path'],
  readOnlyIndex: [],

  // Requests checked against the contract (dispatch.ts, settings-store.ts)
  queryEmpty: [],
  queryTooLong: ['max'],
  fieldTooLong: ['field', 'max'],
  fieldTooLarge: ['field', 'max'],
  fieldTooSmall: ['field', 'min'],
  fieldRequired: ['field'],
  fieldInvalid: ['field', 'message'],
  settingsNotSaved: ['file', 'reason'],
  dimensionsOutOfRange: ['model', 'min', 'max', 'got'],

  // Too many searches at once (search-admission.ts)
  searchBusy: ['count'],

  // Files opened from results (path-guard.ts)
  fileNotInFolders: ['path'],
  noFoldersToRead: [],

  // A shared index on object storage (object-store.ts, object-lock.ts, roots-map.ts, writer-lock.ts)
  s3NoConditionalWrites: ['endpoint'],
  s3NoKeys: ['uri'],
  s3Unreachable: ['endpoint', 'reason'],
  rootsNotPairs: ['item'],
  indexLocationUnsupported: ['location'],
  fileNotFound: ['path'],
  fileOutsideFolders: ['path'],
  notAFile: ['path'],

  // Downloads (download*.ts, model-manager.ts)
  downloadFailed: ['file', 'times', 'why', 'kept'],
  downloadKept: ['size'],
  downloadNothingKept: [],
  netRefused: ['host'],
  netCut: [],
  netDns: ['host'],
  netUnreachable: [],
  netStalled: ['host', 'seconds'],
  netHttp: ['status'],
  netOther: ['message'],
  downloadNotFound: ['file', 'url'],
  downloadForbidden: ['url', 'status'],
  downloadProxyAuth: [],
  downloadProxyRefused: ['proxy', 'target', 'status'],
  downloadHttpStatus: ['url', 'status'],
  downloadNoSize: ['file'],
  downloadWrongSize: ['file', 'offered', 'expected'],
  downloadSizeMismatch: ['file', 'size', 'expected'],
  downloadNotGguf: ['file'],
  downloadCorrupt: ['file'],
  downloadTooManyRedirects: ['url'],
  downloadNoSpace: ['dir', 'needed', 'reserve', 'free'],
  downloadCancelled: [],
  downloadShutdown: [],
  mirrorInvalid: ['mirror'],
  proxyInvalid: ['proxy'],
  modelBundled: ['name'],
  modelUnknown: ['id'],
  modelNotDownloaded: ['name'],
  modelIsReranker: ['name'],
  modelRemote: [],
  modelInUse: ['name'],
  modelBundledNoDelete: ['name'],

  // Importing and loading a model (inspect-gguf.ts, gguf-facts.ts, llama-*.ts)
  modelUnreadable: ['file', 'reason'],
  modelNotGguf: ['file'],
  modelDamaged: ['file'],
  modelNotEmbedding: ['file', 'reason'],
  modelNoEmbeddingLength: ['file'],
  importReranker: ['file'],
  importGenerative: ['file'],
  importVocabOnly: ['file'],
  modelLoadFailed: ['file', 'reason', 'fits'],
  modelContextFailed: ['reason'],
  llamaCpuFailed: ['reason'],
  rerankerLoadFailed: ['file', 'reason'],
  rerankerInvalid: ['file'],

  // A remote embedding server (remote-embedder.ts)
  remoteUrlInvalid: ['url'],
  remoteClosed: [],
  remoteUnreachable: ['url', 'reason', 'attempts'],
  remoteKeyRefused: ['url', 'status'],
  remoteRejected: ['url', 'status', 'message'],
  remoteBadAnswer: ['url'],
  remoteVectorLength: ['url'],

  // The index and the embedder (chunk-store.ts, llama-embedder.ts)
  indexUnreadable: ['path', 'reason'],
  indexEmpty: [],
  indexIncompatible: ['stored', 'model'],
  passageTooLong: ['tokens', 'model', 'max'],
  modelNoEos: [],
  modelNotLoaded: [],
  ocrDataFailed: ['language', 'file', 'size', 'reason'],

  // The model runtime (memory-budget.ts, model-runtime.ts, rerank.ts, reranker-slot.ts)
  gpuBudgetTooSmall: ['model', 'needMB', 'budgetMB', 'fits'],
  gpuBudgetTooSmallNone: ['model', 'needMB', 'budgetMB'],
  notAReranker: ['name'],
  rerankerNotChosen: [],

  // The benchmark (bench/)
  benchSetUnreadable: ['path', 'reason'],
  benchSetInvalid: ['path', 'reason'],
  benchIndexFailed: ['reason'],
} as const satisfies Record<string, readonly string[]>;

export type ErrorKey = keyof typeof ERROR_KEYS;
