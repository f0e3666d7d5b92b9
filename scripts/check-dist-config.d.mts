export interface DistCheck {
  name: string;
  ok: boolean;
  detail: string;
}
export function importedPackages(code: string): string[];
export function checkDistConfig(root?: string): Promise<{ ok: boolean; checks: DistCheck[] }>;
