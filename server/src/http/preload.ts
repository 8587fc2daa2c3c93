/**
 * Load at start what Express would load at the first request with a body: iconv-lite's encoding
 * tables (body-parser decodes every body through them, and iconv-lite requires them lazily). With
 * the descriptors used up by a flood of connections, that require() failed with EMFILE inside a
 * kiosk's request, which was refused with the module's path in its message. Loaded now, while
 * there are descriptors, the first request opens no file.
 */
import { createRequire } from 'node:module';

export function preloadBodyDecoding(): void {
  try {
    // The iconv-lite that body-parser itself resolves, whatever the install's layout.
    const fromExpress = createRequire(createRequire(import.meta.url).resolve('express'));
    const fromBodyParser = createRequire(fromExpress.resolve('body-parser'));
    const iconv = fromBodyParser('iconv-lite') as { getDecoder(encoding: string): unknown };
    iconv.getDecoder('utf-8');
  } catch {
    // A layout this does not know: the tables load at the first request instead, as before.
  }
}
