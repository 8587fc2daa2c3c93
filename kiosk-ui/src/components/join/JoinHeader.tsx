import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../store';
import { PhoneHeader } from '../PhoneHeader';

export function JoinHeader() {
  const { t } = useTranslation();
  return <PhoneHeader center={useKiosk((s) => s.joinCenter)} title={t('joinTitle')} />;
}
