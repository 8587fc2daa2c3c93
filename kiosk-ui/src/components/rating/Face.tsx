/** A face for a score of 1 to 5, drawn (no emoji font needed): the mouth turns from a frown to a smile. */
const COLORS = ['', '#b3261e', '#d9661f', '#c9a400', '#5e9f2f', '#1f7a3a'] as const;

export function Face({ score }: { score: 1 | 2 | 3 | 4 | 5 }) {
  // Mouth: a quadratic curve whose middle dips for a smile and rises for a frown.
  const bend = (score - 3) * 7;
  return (
    <svg className="face" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="29" fill={COLORS[score]} />
      <circle cx="22" cy="25" r="4" fill="#fff" />
      <circle cx="42" cy="25" r="4" fill="#fff" />
      <path d={`M19 ${43 - bend / 2} Q32 ${43 + bend} 45 ${43 - bend / 2}`} stroke="#fff" strokeWidth="4.5" strokeLinecap="round" fill="none" />
    </svg>
  );
}
