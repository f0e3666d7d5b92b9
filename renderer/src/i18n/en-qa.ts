// Strings added while walking through Sift as a new user (the QA pass): a failed OCR
// language-data download said in a few words, its long English reason left to a tooltip.
export const enQa = {
  'issue.ocr-unavailableData': 'OCR unavailable: its language data ({file}) could not be downloaded',
} as const;
