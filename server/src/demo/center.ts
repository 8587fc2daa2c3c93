/**
 * The demo center `npm start` creates in an empty database: a provincial center modelled on
 * shared/scenarios/provincial-peak.json (7 departments, 16 counters). Its credentials are public
 * (README): change them, or import your own configuration, before real use.
 */
import type { CenterConfigInput } from '@qms/shared';
import { tokenHash } from '../auth/passwords.js';

export const DEMO_CREDENTIALS = {
  admin: { login: 'admin', password: 'admin-demo' },
  supervisor: { login: 'supervisor', password: 'supervisor-demo' },
  operatorPassword: 'operator-demo',
  kioskToken: 'demo-kiosk-token-change-me',
  displayToken: 'demo-display-token-change-me',
} as const;

const allDay = [{ from: '00:00', to: '24:00' }];

const services: CenterConfigInput['services'] = [
  { id: 'justice', prefix: 'A', category: 'civil', serviceTimeMin: 8, names: { vi: 'Tư pháp: hộ tịch, chứng thực', en: 'Justice: civil status, notarisation', ru: 'Юстиция: ЗАГС, заверение', uz: 'Adliya: FHDY, notarial tasdiq' } },
  { id: 'land', prefix: 'B', category: 'property', serviceTimeMin: 12, names: { vi: 'Tài nguyên: quyền sử dụng đất', en: 'Natural resources: land use rights', ru: 'Земельные отношения', uz: 'Yer resurslari: yerdan foydalanish' } },
  { id: 'business', prefix: 'C', category: 'business', serviceTimeMin: 10, names: { vi: 'Kế hoạch và đầu tư: đăng ký kinh doanh', en: 'Planning and investment: business registration', ru: 'Регистрация бизнеса', uz: 'Biznesni roʻyxatdan oʻtkazish' } },
  { id: 'transport', prefix: 'D', category: 'transport', serviceTimeMin: 6, names: { vi: 'Giao thông: giấy phép lái xe', en: 'Transport: driving licences', ru: 'Транспорт: водительские удостоверения', uz: 'Transport: haydovchilik guvohnomasi' } },
  { id: 'labour', prefix: 'E', category: 'social', serviceTimeMin: 9, names: { vi: 'Lao động, thương binh và xã hội', en: 'Labour, invalids and social affairs', ru: 'Труд и социальная защита', uz: 'Mehnat va ijtimoiy himoya' } },
  { id: 'construction', prefix: 'F', category: 'property', serviceTimeMin: 11, names: { vi: 'Xây dựng: giấy phép xây dựng', en: 'Construction permits', ru: 'Разрешения на строительство', uz: 'Qurilish ruxsatnomalari' } },
  { id: 'health', prefix: 'G', category: 'business', serviceTimeMin: 7, names: { vi: 'Y tế: chứng chỉ hành nghề', en: 'Health: practice licences', ru: 'Здравоохранение: лицензии', uz: 'Sogʻliqni saqlash: litsenziyalar' } },
];

// counter id → [planned services (first is primary), what its staff can serve]
const plan: [string[], string[]][] = [
  [['justice'], ['justice', 'labour']],
  [['justice'], ['justice', 'business']],
  [['justice'], ['justice']],
  [['land'], ['land', 'construction']],
  [['land'], ['land', 'justice']],
  [['land'], ['land']],
  [['business'], ['business', 'justice']],
  [['business'], ['business', 'construction']],
  [['transport'], ['transport', 'justice']],
  [['transport'], ['transport', 'health']],
  [['transport'], ['transport']],
  [['labour'], ['labour', 'justice']],
  [['labour'], ['labour', 'health']],
  [['construction'], ['construction', 'land']],
  [['health'], ['health', 'labour', 'justice']],
  [['justice', 'labour'], ['justice', 'labour', 'transport', 'health']],
];

export function demoCenter(): CenterConfigInput {
  // A newcomer opens the kiosk before anyone has taken a counter: the demo's services accept
  // tickets anyway (a real center decides per service, in Settings).
  // Justice, land and business take appointments (/book/), a fifth of their counters' time.
  const bookable = new Set(['justice', 'land', 'business']);
  // Transport, labour and health can be joined from a phone (/join/), up to half of their line.
  const joinable = new Set(['transport', 'labour', 'health']);
  const demoServices = services.map((s) => ({
    ...s,
    acceptWhenUnstaffed: true,
    ...(joinable.has(s.id) ? { remote: { enabled: true, maxShare: 0.5, stopBeforeCloseMin: 60 } } : {}),
    ...(bookable.has(s.id) ? { appointments: { enabled: true, bookableShare: 0.2, daysAhead: 14, targetWaitMin: 10, perPersonDays: 1 } } : {}),
  }));
  return {
    format: 'qms-center/1',
    center: {
      id: 'demo',
      name: 'Demo Provincial Public Administration Service Center',
      names: {
        en: 'Demo Provincial Public Administration Service Center',
        vi: 'Trung tâm Phục vụ hành chính công tỉnh (bản demo)',
        ru: 'Демонстрационный центр государственных услуг',
        uz: 'Davlat xizmatlari markazi (namuna)',
      },
      timezone: 'Asia/Ho_Chi_Minh',
      languages: ['vi', 'en', 'ru', 'uz'],
      defaultLanguage: 'vi',
      targetWaitMin: 15,
      // Open round the clock so that a newcomer trying the demo at night sees it working.
      hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      // The supervisor sees the rebalancer's proposals and decides.
      balancing: { mode: 'suggest' },
    },
    services: demoServices,
    categories: [
      { id: 'civil', names: { en: 'Civil status', vi: 'Hộ tịch', ru: 'Гражданское состояние', uz: 'Fuqarolik holati' } },
      { id: 'property', names: { en: 'Land and property', vi: 'Đất đai, xây dựng', ru: 'Земля и недвижимость', uz: 'Yer va koʻchmas mulk' } },
      { id: 'business', names: { en: 'Business and licences', vi: 'Doanh nghiệp, giấy phép', ru: 'Бизнес и лицензии', uz: 'Biznes va litsenziyalar' } },
      { id: 'transport', names: { en: 'Transport', vi: 'Giao thông', ru: 'Транспорт', uz: 'Transport' } },
      { id: 'social', names: { en: 'Social affairs', vi: 'Lao động, xã hội', ru: 'Социальная защита', uz: 'Ijtimoiy himoya' } },
    ],
    priorityCategories: [
      { id: 'disability', icon: 'wheelchair', names: { vi: 'Người khuyết tật', en: 'Disability (groups I–II)', ru: 'Инвалиды I и II групп', uz: 'Nogironligi bor shaxslar' } },
      { id: 'disabled-child', icon: 'child', names: { vi: 'Trẻ em khuyết tật và người đi kèm', en: 'Disabled child with escort', ru: 'Дети-инвалиды с сопровождающим', uz: 'Nogiron bola va kuzatuvchi' } },
      { id: 'veteran', icon: 'medal', names: { vi: 'Người có công, cựu chiến binh', en: 'War veterans, Heroes', ru: 'Ветераны войны, Герои', uz: 'Urush faxriylari' } },
      { id: 'elderly', icon: 'elderly', names: { vi: 'Người cao tuổi (từ 80)', en: 'Aged 80 and over', ru: 'Граждане старше 80 лет', uz: '80 yoshdan oshganlar' } },
      { id: 'pregnant', icon: 'pregnant', names: { vi: 'Phụ nữ mang thai', en: 'Pregnant women', ru: 'Беременные женщины', uz: 'Homilador ayollar' } },
      { id: 'infant', icon: 'infant', names: { vi: 'Người đi cùng trẻ nhỏ', en: 'With an infant', ru: 'С ребёнком до года', uz: 'Goʻdak bilan' } },
    ],
    counters: plan.map(([serves, canServe], i) => ({
      id: String(i + 1),
      number: String(i + 1),
      zone: i < 8 ? 'A' : 'B',
      services: serves.map((serviceId, j) => ({ serviceId, role: j === 0 ? 'primary' : 'secondary' })),
      canServe,
    })),
    staff: [
      { login: DEMO_CREDENTIALS.admin.login, name: 'Demo Admin', role: 'admin', password: DEMO_CREDENTIALS.admin.password, services: [] },
      { login: DEMO_CREDENTIALS.supervisor.login, name: 'Demo Supervisor', role: 'supervisor', password: DEMO_CREDENTIALS.supervisor.password, services: [] },
      ...plan.map(([, canServe], i) => ({
        login: `op${i + 1}`,
        name: `Operator ${i + 1}`,
        role: 'operator' as const,
        password: DEMO_CREDENTIALS.operatorPassword,
        services: canServe,
      })),
    ],
    devices: [
      { id: 'kiosk-1', kind: 'kiosk', name: 'Entrance kiosk', tokenHash: tokenHash(DEMO_CREDENTIALS.kioskToken) },
      { id: 'display-hall', kind: 'display', name: 'Hall TV', tokenHash: tokenHash(DEMO_CREDENTIALS.displayToken) },
    ],
  };
}
