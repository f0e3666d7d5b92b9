// Pure formatting: pick the plural form, fill `{name}` placeholders.
import type { Message, MessageVars } from './messages.js';

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralFor(locale: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

export function formatMessage(locale: string, message: Message, vars: MessageVars = {}): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = typeof vars.count === 'number' ? vars.count : Number(vars.count ?? Number.NaN);
    text = pluralFor(locale, count) === 'one' && message.one !== undefined ? message.one : message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}
