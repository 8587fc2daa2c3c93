import { useTranslation } from 'react-i18next';
import { refusalKey } from '../../booking';
import { useKiosk } from '../../store';

/** The server's last refusal, in the visitor's words and language (never its English message). */
export function Refusal() {
  const { t } = useTranslation();
  const code = useKiosk((s) => s.bookRefusal);
  return code ? (
    <p className="phone-problem book-refusal" role="alert">
      {t(refusalKey(code))}
    </p>
  ) : null;
}
