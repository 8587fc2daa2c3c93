/** A name in the wanted language, else the center's default, else any. */
export function nameIn(names: Partial<Record<string, string>>, lang: string, fallback: string): string {
  return names[lang] ?? names[fallback] ?? Object.values(names).find((n) => n !== undefined) ?? '';
}
