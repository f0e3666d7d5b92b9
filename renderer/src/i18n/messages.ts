// The shape every dictionary has. `en` defines the keys; every other language must give
// all of them (a missing or misspelt key is a type error in its dictionary file).
import type { en } from './en.js';

/** A plain string, or plural forms chosen by Intl.PluralRules from `{count}`. */
export type Message = string | { readonly one?: string; readonly other: string };

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: Message };

/** Values substituted for `{name}` placeholders. */
export type MessageVars = Readonly<Record<string, string | number>>;
