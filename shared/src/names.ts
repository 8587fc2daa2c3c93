/** The center's name in the wanted language, else its one configured `name` (the fallback in every language). */
export function centerNameIn(center: { name: string; names?: Partial<Record<string, string>> | undefined }, lang: string): string {
  return center.names?.[lang] || center.name;
}

/** A name in the wanted language, else the center's default, else any. */
export function nameIn(names: Partial<Record<string, string>>, lang: string, fallback: string): string {
  return names[lang] ?? names[fallback] ?? Object.values(names).find((n) => n !== undefined) ?? '';
}
