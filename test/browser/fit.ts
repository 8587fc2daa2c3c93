/**
 * Issue 11, "never a cut-off ticket": what kiosk-fit.test.ts and checkin.test.ts measure on each
 * kiosk screen.
 */
import type { Page } from 'playwright-core';

/** Every overflow on the page, described for the failure message. */
export async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 3; e = e.parentElement) parts.unshift(name(e));
      return parts.join(' > ');
    };
    const scrolls = (el: Element) => /(auto|scroll)/.test(getComputedStyle(el).overflowY + getComputedStyle(el).overflowX);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const root = document.querySelector('.kiosk') ?? document.body;
    const SLACK = 1;
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (!(el instanceof HTMLElement) || el.closest('svg') || !visible(el)) continue;
      if (el.closest('.visually-hidden, .sr-only, [data-testid="print-ticket"]')) continue;
      // The lists of services and topics scroll on purpose (a large catalogue); anything else that
      // would need scrolling, such as the ticket card, is cut off for a visitor who does not try.
      if (scrolls(el)) {
        if (el.classList.contains('scroll')) continue;
        if (el.scrollHeight > el.clientHeight + SLACK || el.scrollWidth > el.clientWidth + SLACK) out.push(`${path(el)} "${(el.innerText || '').trim().slice(0, 40).replace(/\s+/g, ' ')}": needs scrolling (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
        continue;
      }
      const text = (el.innerText || '').trim().slice(0, 40).replace(/\s+/g, ' ');
      if (el.scrollWidth > el.clientWidth + SLACK) out.push(`${path(el)} "${text}": content ${el.scrollWidth} px wide in ${el.clientWidth}`);
      if (el.scrollHeight > el.clientHeight + SLACK && getComputedStyle(el).overflowY !== 'visible') out.push(`${path(el)} "${text}": content ${el.scrollHeight} px high in ${el.clientHeight}, clipped`);
      const box = el.getBoundingClientRect();
      for (const child of el.children) {
        if (!(child instanceof HTMLElement) || !visible(child) || getComputedStyle(child).position === 'fixed') continue;
        const c = child.getBoundingClientRect();
        if (c.left < box.left - SLACK || c.right > box.right + SLACK || c.top < box.top - SLACK || c.bottom > box.bottom + SLACK) {
          out.push(`${path(child)} "${(child.innerText || '').trim().slice(0, 40).replace(/\s+/g, ' ')}" lies outside ${name(el)}: [${Math.round(c.left)},${Math.round(c.top)},${Math.round(c.right)},${Math.round(c.bottom)}] in [${Math.round(box.left)},${Math.round(box.top)},${Math.round(box.right)},${Math.round(box.bottom)}]`);
        }
      }
    }
    // The page itself: nothing past the screen's edges.
    if (document.documentElement.scrollWidth > window.innerWidth + SLACK) out.push(`the page is ${document.documentElement.scrollWidth} px wide in ${window.innerWidth}`);
    if (document.documentElement.scrollHeight > window.innerHeight + SLACK) out.push(`the page is ${document.documentElement.scrollHeight} px high in ${window.innerHeight}`);
    return out;
  });
}

/**
 * Every boxed element (one with a border) whose content runs past that border sideways: a table of
 * long Russian headings drawn beyond its card, a label out of its button. Text that a language
 * makes longer shows it first, so languages.test.ts looks on every screen in every language. A
 * box that scrolls or clips sideways holds its content by design; form fields scroll their text.
 */
export async function spills(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    for (const el of document.querySelectorAll('body *')) {
      if (!(el instanceof HTMLElement) || el.closest('svg, input, select, textarea, .sr-only, .visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.overflowX !== 'visible' || style.display === 'inline' || parseFloat(style.borderRightWidth) === 0) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        const text = (el.innerText || '').trim().slice(0, 40).replace(/\s+/g, ' ');
        out.push(`${name(el.parentElement ?? el)} > ${name(el)} "${text}": content ${el.scrollWidth} px wide in ${el.clientWidth}`);
      }
    }
    return out;
  });
}
