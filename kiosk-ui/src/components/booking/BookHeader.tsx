import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../store';
import { PhoneHeader } from '../PhoneHeader';

export function BookHeader() {
  const { t } = useTranslation();
  return <PhoneHeader center={useKiosk((s) => s.bookCenter)} title={t('bookTitle')} />;
}
