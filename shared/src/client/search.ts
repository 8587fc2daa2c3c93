/** Matching what a visitor types against names: the kiosk's catalogue search and the live board's filter. */

/**
 * Lower case, without accents or apostrophes: "Tư pháp" matches "tu phap", "Ёлка" matches
 * "елка", "Oʻzbek" matches "ozbek". Vietnamese đ is its own letter in Unicode, not d + mark.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/[ʻʼ'‘’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
