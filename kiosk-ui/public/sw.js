/* global self, clients, URL */
/**
 * The phone page's service worker (issue 14), served at /kiosk/sw.js with the scope /kiosk/. It
 * only shows the server's Web Push alerts (server/src/push/sender.ts) while the page is closed,
 * worded in the ticket's language from its own small dictionary (the page's words are in its
 * bundle, which a worker woken for one push should not load), and opens or focuses the ticket's
 * page when the notification is tapped. No caching, no fetch handler: the page itself stays live.
 */

/** Per language: each kind's title and text. {n} the ticket number, {c} the counter, {p} the people ahead. */
const WORDS = {
  en: {
    near: ['{n}: almost your turn', 'People ahead of you: {p}. Please come to the hall and wait near the counters.'],
    nearNext: ['{n}: almost your turn', 'You are next in line. Please come to the hall and wait near the counters.'],
    called: ['{n}: it is your turn!', 'Go to counter {c}.'],
    recalled: ['{n}: you are being called again', 'Go to counter {c} now.'],
    held: ['{n}: your turn has come', 'You have not checked in. Come in and scan the poster in the hall, or type your code at the kiosk, now.'],
    'no-show': ['{n}: your turn has passed', 'You did not come in time. Please ask staff at the information desk.'],
    answered: ['{n}: the center has answered', 'Open your ticket page to read the answer to your complaint.'],
    rate: ['{n}: thank you for your visit', 'Please rate the service: it takes a minute.'],
  },
  ru: {
    near: ['{n}: скоро ваша очередь', 'Перед вами: {p}. Пройдите в зал и ожидайте у окон.'],
    nearNext: ['{n}: скоро ваша очередь', 'Вы следующий в очереди. Пройдите в зал и ожидайте у окон.'],
    called: ['{n}: ваша очередь!', 'Пройдите к окну {c}.'],
    recalled: ['{n}: вас вызывают повторно', 'Пройдите к окну {c} сейчас.'],
    held: ['{n}: ваша очередь подошла', 'Вы не отметились. Войдите и отсканируйте плакат в зале или введите код на терминале прямо сейчас.'],
    'no-show': ['{n}: ваша очередь прошла', 'Вы не подошли вовремя. Обратитесь к сотруднику у стойки информации.'],
    answered: ['{n}: центр ответил', 'Откройте страницу талона, чтобы прочитать ответ на вашу жалобу.'],
    rate: ['{n}: спасибо за визит', 'Пожалуйста, оцените обслуживание: это займёт минуту.'],
  },
  vi: {
    near: ['{n}: sắp đến lượt quý khách', 'Số người trước quý khách: {p}. Mời quý khách vào sảnh và chờ gần các quầy.'],
    nearNext: ['{n}: sắp đến lượt quý khách', 'Quý khách là người tiếp theo. Mời quý khách vào sảnh và chờ gần các quầy.'],
    called: ['{n}: đã đến lượt quý khách!', 'Mời đến quầy {c}.'],
    recalled: ['{n}: quý khách được gọi lại', 'Mời đến quầy {c} ngay.'],
    held: ['{n}: đã đến lượt quý khách', 'Quý khách chưa xác nhận có mặt. Mời vào sảnh và quét áp phích, hoặc nhập mã tại máy lấy số ngay.'],
    'no-show': ['{n}: đã qua lượt của quý khách', 'Quý khách không đến kịp. Xin hỏi cán bộ tại bàn hướng dẫn.'],
    answered: ['{n}: trung tâm đã trả lời', 'Mở trang vé để đọc câu trả lời cho phản ánh của quý khách.'],
    rate: ['{n}: cảm ơn quý khách', 'Mời quý khách đánh giá chất lượng phục vụ: chỉ mất một phút.'],
  },
  uz: {
    near: ['{n}: navbatingiz yaqinlashdi', 'Sizdan oldin: {p} kishi. Iltimos, zalga kiring va darchalar yonida kuting.'],
    nearNext: ['{n}: navbatingiz yaqinlashdi', 'Siz navbatda keyingisiz. Iltimos, zalga kiring va darchalar yonida kuting.'],
    called: ['{n}: navbatingiz keldi!', '{c}-darchaga boring.'],
    recalled: ['{n}: sizni yana chaqirishmoqda', 'Hozir {c}-darchaga boring.'],
    held: ['{n}: navbatingiz keldi', 'Siz kelganingizni tasdiqlamadingiz. Zalga kirib, plakatni skanerlang yoki terminalda kodingizni hoziroq kiriting.'],
    'no-show': ['{n}: navbatingiz oʻtib ketdi', 'Siz oʻz vaqtida kelmadingiz. Maʼlumot stoli xodimiga murojaat qiling.'],
    answered: ['{n}: markaz javob berdi', 'Shikoyatingizga javobni oʻqish uchun chipta sahifasini oching.'],
    rate: ['{n}: tashrifingiz uchun rahmat', 'Iltimos, xizmatni baholang: bu bir daqiqa vaqt oladi.'],
  },
};

/** Calls are the alerts that must not be missed: they buzz again even when replacing an earlier one. */
const URGENT = new Set(['called', 'recalled', 'held']);
const VIBRATION = [400, 200, 400, 200, 400];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(clients.claim()));

/** The notification for a payload (shared/src/phone.ts PushPayload). */
function notificationFor(p) {
  const words = WORDS[p.language] || WORDS.en;
  const kind = p.kind === 'near' && p.position !== null && p.position <= 1 ? 'nearNext' : p.kind;
  const [title, body] = words[kind] || WORDS.en[kind] || [String(p.number), ''];
  const fill = (s) =>
    s
      .replace('{n}', p.number)
      .replace('{c}', p.counterNumber || '?')
      .replace('{p}', String(p.position === null ? '?' : Math.max(0, p.position - 1)));
  return {
    title: fill(title),
    options: {
      body: fill(body),
      lang: p.language || 'en',
      // One per ticket: a newer alert replaces the last instead of piling up.
      tag: `qms-${p.ticketId}`,
      renotify: URGENT.has(p.kind),
      requireInteraction: URGENT.has(p.kind),
      vibrate: VIBRATION,
      data: { url: p.url, ticketId: p.ticketId },
    },
  };
}

self.addEventListener('push', (event) => {
  let payload;
  try {
    payload = event.data ? event.data.json() : null;
  } catch {
    payload = null;
  }
  if (!payload || typeof payload.ticketId !== 'string') return;
  const { title, options } = notificationFor(payload);
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url, ticketId } = event.notification.data || {};
  if (!url) return;
  const target = new URL(url, self.location.origin);
  const page = `/kiosk/t/${encodeURIComponent(ticketId)}`;
  event.waitUntil(
    clients.matchAll({ type: 'window', includeUncontrolled: true }).then((open) => {
      // The ticket's page already open somewhere: bring it forward rather than open a second one.
      const same = open.find((c) => new URL(c.url).pathname === page);
      if (same) return same.focus();
      return clients.openWindow(target.href);
    }),
  );
});
