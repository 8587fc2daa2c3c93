/**
 * The demo's past ratings (issue 14), so that a newcomer's Satisfaction card and Complaints list
 * have something to show. Made from the simulated tickets themselves (their service, counter,
 * operator, wait and end), not invented figures: about one visitor in eight rates, mostly 4 or 5,
 * the waiting score following the wait they had; a few very unhappy ones complain, and most
 * complaints older than a few days have been answered or closed. Deterministic per ticket.
 */
import type { CenterConfig, FactBody, Ticket } from '@qms/shared';
import { waitMinOf } from '../kpi/waits.js';
import type { RatingStore } from './store.js';

const DAY = 86_400_000;

/** A number in [0, 1) from a text and a salt: the same ticket always rates the same. */
function chance(key: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));

const COMPLAINTS: Record<string, string[]> = {
  vi: ['Chờ quá lâu, không ai giải thích lý do.', 'Cán bộ trả lời thiếu nhiệt tình.', 'Phải quay lại vì thiếu giấy tờ mà không được hướng dẫn trước.'],
  en: ['Waited far too long and nobody said why.', 'The officer was curt with me.', 'I was sent back for a missing paper nobody had mentioned.'],
  ru: ['Очень долго ждал, никто не объяснил почему.', 'Сотрудник отвечал грубо.', 'Отправили за справкой, о которой заранее не предупредили.'],
  uz: ['Juda uzoq kutdim, hech kim sababini aytmadi.', 'Xodim qoʻpol javob berdi.', 'Oldindan aytilmagan hujjat uchun qaytarib yuborishdi.'],
};
const PRAISE: Record<string, string> = { vi: 'Nhanh chóng và chu đáo.', en: 'Quick and helpful.', ru: 'Быстро и вежливо.', uz: 'Tez va xushmuomala.' };
const ANSWERS: Record<string, string> = {
  vi: 'Trung tâm xin lỗi về sự bất tiện. Chúng tôi đã trao đổi với cán bộ và bổ sung hướng dẫn hồ sơ tại quầy.',
  en: 'We apologise for the inconvenience. We have spoken with the officer and added a checklist of documents at the desk.',
  ru: 'Приносим извинения. Мы поговорили с сотрудником и разместили у окна список необходимых документов.',
  uz: 'Noqulaylik uchun uzr soʻraymiz. Xodim bilan suhbatlashdik va oyna yoniga hujjatlar roʻyxatini qoʻydik.',
};

/**
 * Rate some of a past day's completed tickets (its facts as stored) and answer the older
 * complaints, as `answeredBy` would have. `now`: the live day's start; nothing is dated after it.
 */
export function addDemoRatings(store: RatingStore, config: CenterConfig, facts: readonly FactBody[], now: number, answeredBy: string): number {
  const languages = config.center.languages;
  let rated = 0;
  for (const f of facts) {
    if (f.type !== 'ticket:completed') continue;
    const t: Ticket = f.ticket;
    const finishedAt = t.finishedAt;
    if (finishedAt === null) continue;
    const r = (salt: number) => chance(t.id, salt);
    if (r(1) >= 0.12) continue;
    const wait = waitMinOf(t) ?? 0;
    const waiting = clamp((wait <= 10 ? 5 : wait <= 20 ? 4 : wait <= 30 ? 3 : 2) + (r(2) < 0.15 ? -1 : 0));
    const mood = r(3);
    let overall = mood < 0.55 ? 5 : mood < 0.86 ? 4 : mood < 0.94 ? 3 : mood < 0.98 ? 2 : 1;
    // A long wait colours the whole visit.
    if (waiting <= 2 && overall > 2) overall -= 1;
    const near = (salt: number) => (r(salt) < 0.6 ? clamp(overall + (r(salt + 10) < 0.2 ? -1 : r(salt + 10) > 0.9 ? 1 : 0)) : null);
    const language = t.language ?? (r(4) < 0.85 ? config.center.defaultLanguage : (languages[Math.floor(r(5) * languages.length)] ?? config.center.defaultLanguage));
    const complaint = overall <= 2 && r(6) < 0.35;
    const comments = COMPLAINTS[language] ?? COMPLAINTS.en!;
    // The first complaint is about the wait: only those who waited long (a waiting score of 3 or
    // less) make it; the others complain about the staff or the papers.
    const pick = waiting <= 3 ? 0 : 1 + Math.floor(r(7) * (comments.length - 1));
    const comment = complaint ? comments[pick]! : overall === 5 && r(8) < 0.08 ? (PRAISE[language] ?? PRAISE.en!) : null;
    const at = finishedAt + Math.round((2 + r(9) * 25) * 60_000);
    store.insert({
      ticketId: t.id,
      centerId: config.center.id,
      day: t.day,
      serviceId: t.serviceId,
      counterId: t.counterId,
      operator: 'counter' in f ? (f.counter?.staffLogin ?? null) : null,
      channel: 'phone',
      language,
      overall,
      waiting: r(11) < 0.8 ? waiting : null,
      courtesy: near(12),
      competence: near(13),
      comfort: near(14),
      comment,
      complaint,
      complaintStatus: complaint ? 'open' : null,
      at,
    });
    rated += 1;
    // Complaints of the last few days still wait; older ones were mostly answered the next day or two.
    const answeredAt = at + DAY + Math.round(r(15) * DAY);
    if (complaint && answeredAt < now - 2 * DAY && r(16) < 0.85) {
      store.answer(t.id, r(17) < 0.25 ? 'closed' : 'answered', ANSWERS[language] ?? ANSWERS.en!, answeredBy, answeredAt);
    }
  }
  return rated;
}
